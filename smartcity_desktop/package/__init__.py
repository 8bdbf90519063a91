"""Round profiles, the materials checklist, the submission package and its verification (Qt-free).

Modules: ``rounds`` (what differs between the 2012/2013/2014 rounds, as data), ``materials`` (the
checklist), ``submission`` (``package``), ``verify`` (``verify-package``). Import them directly; this
package's ``__init__`` stays empty so that validation can use ``rounds`` without loading exporters.
"""
