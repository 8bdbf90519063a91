"""Abstract base classes for Qt classes.

``abc.ABCMeta`` cannot simply be mixed into a Qt class: shiboken's metatype creates the class without
running ``ABCMeta.__new__`` and its ``tp_new`` never looks at ``__abstractmethods__``, so an unfinished
subclass would be built silently. ``QtABCMeta`` keeps the promise of an ABC: instantiating a class that
leaves an ``@abstractmethod`` unimplemented raises ``TypeError``, as for any Python ABC.
"""
from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

__all__ = ["QtABCMeta", "abstractmethod", "abstract_methods"]

if TYPE_CHECKING:
    _QtMeta = type
else:
    _QtMeta = type(QObject)  # Shiboken.ObjectType, not importable by name


def abstract_methods(cls: type) -> frozenset[str]:
    """The names of ``cls``'s methods that are still abstract (as ``ABCMeta`` computes them)."""
    found = cls.__dict__.get("_qt_abstract")
    if found is None:
        found = frozenset(name for klass in cls.__mro__ if klass.__module__ != "builtins"
                          and not klass.__module__.startswith(("PySide6", "shiboken6"))
                          for name in vars(klass)
                          if getattr(getattr(cls, name, None), "__isabstractmethod__", False))
        cls._qt_abstract = found  # type: ignore[attr-defined]  # computed once per class
    return found


class QtABCMeta(_QtMeta):
    """The metaclass of a Qt class with abstract methods: ``class Base(QWidget, metaclass=QtABCMeta)``."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - a metaclass method: cls is the class
        missing = abstract_methods(cls)
        if missing:
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract methods "
                            + ", ".join(sorted(missing)))
        return super().__call__(*args, **kwargs)
