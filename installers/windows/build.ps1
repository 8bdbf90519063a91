<#
.SYNOPSIS
    Build the Windows installer of smartcity-desktop: venv, pip install .[build], PyInstaller, Inno Setup.

.DESCRIPTION
    Run from any folder on a 64-bit Windows 10 (1809+) or 11 machine with:
      - Python 3.10-3.12, 64-bit, from python.org (the "py" launcher is used unless -Python is given);
      - Inno Setup 6.3 or later (https://jrsoftware.org/isdl.php); its ChineseSimplified.isl must be in
        Inno Setup's Languages folder or in installers\windows\ (see docs\installers.md).

      powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1

    Steps: (1) a fresh virtual environment in build\venv-win, (2) pip install .[build] (the program,
    its dependencies and PyInstaller), (3) PyInstaller with installers\smartcity-desktop.spec into
    dist\smartcity-desktop\ (smartcity-desktop.exe windowed + smartcity-desktop-cli.exe console),
    (4) a smoke test of the bundle (--version, new, validate, demo-file, export), (5) ISCC ->
    dist\smartcity-desktop-<version>-setup.exe.
    This file is ASCII on purpose: Windows PowerShell 5.1 reads scripts without a BOM as ANSI.

.PARAMETER Python
    Python interpreter used to create the venv (default: the py launcher, "py -3.11").
.PARAMETER Iscc
    Full path of ISCC.exe when Inno Setup is not in a standard location.
.PARAMETER SkipInstaller
    Stop after the PyInstaller folder and its smoke test (no Inno Setup needed).
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$SkipInstaller
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Invoke-Checked {
    # Native programs do not throw on failure in Windows PowerShell: check the exit code ourselves.
    param([Parameter(Mandatory)][string]$Exe, [string[]]$Arguments = @(), [int[]]$Allowed = @(0))
    & $Exe @Arguments
    if ($Allowed -notcontains $LASTEXITCODE) {
        throw "'$Exe $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
    }
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$init = Get-Content -Raw -Encoding UTF8 "smartcity_desktop\__init__.py"
if ($init -notmatch '(?m)^__version__ = "([^"]+)"') { throw "cannot read __version__" }
$Version = $Matches[1]
$Numeric = (@([regex]::Matches($Version, '\d+') | ForEach-Object { $_.Value }) + @('0', '0', '0', '0'))[0..3] -join '.'
Write-Host "== smartcity-desktop $Version"

# 1. virtual environment -----------------------------------------------------------------------
$Venv = Join-Path $Root "build\venv-win"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($Python) {
        Invoke-Checked $Python @("-m", "venv", $Venv)
    } else {
        Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv)
    }
}
$bits = & $VenvPython -c "import struct; print(struct.calcsize('P') * 8)"
if ($bits -ne "64") { throw "a 64-bit Python is required (PySide6 has no 32-bit wheels)" }

# 2. the program, its dependencies and PyInstaller ----------------------------------------------
Invoke-Checked $VenvPython @("-m", "pip", "install", "--upgrade", "pip")
Invoke-Checked $VenvPython @("-m", "pip", "install", "--upgrade", ".[build]")

# 3. PyInstaller one-folder bundle ---------------------------------------------------------------
$Bundle = Join-Path $Root "dist\smartcity-desktop"
if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
    "--workpath", "build\pyinstaller", "--distpath", "dist", "installers\smartcity-desktop.spec")
foreach ($exe in @("smartcity-desktop.exe", "smartcity-desktop-cli.exe")) {
    if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "PyInstaller did not produce $exe" }
}

# 4. smoke test of the bundle (console launcher, offscreen Qt, no venv on PATH) -----------------
$Cli = Join-Path $Bundle "smartcity-desktop-cli.exe"
$Work = Join-Path $env:TEMP ("smartcity-smoke-" + [guid]::NewGuid().ToString("N"))
New-Item -ItemType Directory -Path $Work | Out-Null
$savedPath = $env:PATH
try {
    $env:PATH = "$env:SystemRoot\system32;$env:SystemRoot"
    $env:QT_QPA_PLATFORM = "offscreen"
    $env:SMARTCITY_DOCUMENTS_DIR = $Work
    $env:SMARTCITY_DATA_DIR = Join-Path $Work "data"
    $versionText = & $Cli --version
    if ($LASTEXITCODE -ne 0 -or $versionText -notmatch "PySide6") { throw "--version failed: $versionText" }
    Write-Host "   $versionText"
    $env:SMARTCITY_SELFTEST = "1"
    & $Cli | Out-Host
    Remove-Item Env:\SMARTCITY_SELFTEST
    Invoke-Checked $Cli @("new", "$Work\empty.scdossier", "--name", "test", "--level", "city", "--province", "test")
    Invoke-Checked $Cli @("validate", "$Work\empty.scdossier") -Allowed @(1) | Out-Null
    Invoke-Checked $Cli @("demo-file", "$Work\demo.scdossier")
    Invoke-Checked $Cli @("export", "$Work\demo.scdossier", "--out", "$Work\out", "--format", "docx,xlsx")
    if (@(Get-ChildItem "$Work\out" -Include *.docx, *.xlsx -Recurse).Count -lt 2) { throw "export wrote no files" }
    Write-Host "== bundle smoke test passed"
} finally {
    $env:PATH = $savedPath
    Remove-Item Env:\QT_QPA_PLATFORM, Env:\SMARTCITY_DOCUMENTS_DIR, Env:\SMARTCITY_DATA_DIR -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}
if ($SkipInstaller) { Write-Host "== done (no installer): $Bundle"; exit 0 }

# 5. Inno Setup ------------------------------------------------------------------------------
if (-not $Iscc) {
    $candidates = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    )
    $Iscc = $candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
    if (-not $Iscc) { throw "ISCC.exe not found: install Inno Setup 6.3+ or pass -Iscc <path>" }
}
$InnoDir = Split-Path $Iscc
$Zh = @(
    (Join-Path $InnoDir "Languages\ChineseSimplified.isl"),
    (Join-Path $PSScriptRoot "ChineseSimplified.isl")
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $Zh) {
    throw ("ChineseSimplified.isl not found. Download it from https://jrsoftware.org/files/istrans/ " +
           "(or https://github.com/kira-96/Inno-Setup-Chinese-Simplified-Translation/releases) " +
           "into '$InnoDir\Languages' or '$PSScriptRoot'.")
}
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DNumericVersion=$Numeric", "/DZhMessages=$Zh",
    (Join-Path $PSScriptRoot "smartcity-desktop.iss"))
$Setup = Join-Path $Root "dist\smartcity-desktop-$Version-setup.exe"
if (-not (Test-Path $Setup)) { throw "ISCC did not produce $Setup" }
$size = [math]::Round((Get-Item $Setup).Length / 1MB, 1)
Write-Host "== done: $Setup ($size MB)"
