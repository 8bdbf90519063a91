; Inno Setup script: per-user Windows installer of 智慧城市试点申报助手 (smartcity-desktop).
;
; Built by installers\windows\build.ps1 from the PyInstaller folder dist\smartcity-desktop\ (which
; holds smartcity-desktop.exe, the windowed program, and smartcity-desktop-cli.exe, the command line).
; By hand:  ISCC.exe /DAppVersion=0.1.0 /DZhMessages=<path>\ChineseSimplified.isl installers\windows\smartcity-desktop.iss
;
; - No administrator rights: PrivilegesRequired=lowest installs to %LOCALAPPDATA%\Programs\SmartCityDesktop
;   and registers the .scdossier type under HKCU\Software\Classes. An IT department may still install for
;   all users (setup.exe /ALLUSERS, or the choice dialog): {autopf}/HKA then mean Program Files/HKLM.
; - Start-menu entry, optional desktop icon, .scdossier association with its own icon, uninstaller.
; - Chinese (Simplified) and English wizard pages; Chinese is chosen on a Chinese Windows.
; - Windows 10 1809 (build 17763) or later, 64-bit: the minimum of PySide6 6.x.
; This file is UTF-8 with a byte-order mark, which Inno Setup 6 needs for the Chinese text.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\smartcity-desktop"
#endif
#ifndef ZhMessages
  ; Official in recent Inno Setup releases; for older ones put the file from
  ; https://jrsoftware.org/files/istrans/ into Inno Setup's Languages folder (see docs\installers.md).
  #define ZhMessages "compiler:Languages\ChineseSimplified.isl"
#endif
#define ExeName "smartcity-desktop.exe"
#define ProgId "SmartCityDesktop.Dossier"
#define PartProgId "SmartCityDesktop.WorkPackage"

[Setup]
AppId={{341C9ADF-376A-4E9A-94C8-706E3981CF4B}
AppName={cm:AppName}
AppVersion={#AppVersion}
AppVerName={cm:AppName} {#AppVersion}
AppPublisher=smartcity-desktop
VersionInfoVersion={#NumericVersion}
VersionInfoProductName=智慧城市试点申报助手
VersionInfoDescription=智慧城市试点申报助手 安装程序
DefaultDirName={autopf}\SmartCityDesktop
DefaultGroupName={cm:AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
SetupIconFile=..\..\resources\icons\smartcity-desktop.ico
UninstallDisplayIcon={app}\{#ExeName}
UninstallDisplayName={cm:AppName}
OutputDir=..\..\dist
OutputBaseFilename=smartcity-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes

[Languages]
; The first entry is the fallback when the Windows language is neither Chinese nor English.
Name: "chinesesimplified"; MessagesFile: "{#ZhMessages}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppName=智慧城市试点申报助手
english.AppName=Smart City Pilot Declaration Assistant
chinesesimplified.AppComment=离线编制国家智慧城市试点申报材料
english.AppComment=Prepare a national smart city pilot application, offline
chinesesimplified.DossierType=智慧城市试点申报卷宗
english.DossierType=Smart city pilot dossier
chinesesimplified.PartType=智慧城市申报部门工作包
english.PartType=Smart city dossier work package
chinesesimplified.AssocGroup=文件关联：
english.AssocGroup=File association:
chinesesimplified.AssocTask=用本程序打开 .scdossier 卷宗文件和 .scpart 部门工作包
english.AssocTask=Open .scdossier dossier files and .scpart work packages with this program
chinesesimplified.OpenDemo=打开示例卷宗
english.OpenDemo=Open the demo dossier

[Tasks]
Name: "association"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocGroup}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: both programs, _internal\ (Python, Qt, resources, icons).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale, so no stale DLL from an older version survives.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:AppName}"; Filename: "{app}\{#ExeName}"; Comment: "{cm:AppComment}"; AppUserModelID: "SmartCityDesktop"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\{#ExeName}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; File association (HKA = HKCU for a per-user install, HKLM for an all-users one).
Root: HKA; Subkey: "Software\Classes\.scdossier"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.scdossier"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-scdossier"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.scdossier\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DossierType}"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: "FriendlyTypeName"; ValueData: "{cm:DossierType}"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\_internal\resources\icons\application-x-scdossier.ico"",0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""; Tasks: association
; The departments work package (.scpart, issue 14): its own type name and icon, opened by the same program.
Root: HKA; Subkey: "Software\Classes\.scpart"; ValueType: string; ValueName: ""; ValueData: "{#PartProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.scpart"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-scpart"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.scpart\OpenWithProgids"; ValueType: string; ValueName: "{#PartProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#PartProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PartType}"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#PartProgId}"; ValueType: string; ValueName: "FriendlyTypeName"; ValueData: "{cm:PartType}"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#PartProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\_internal\resources\icons\application-x-scpart.ico"",0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#PartProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""; Tasks: association
; "Open with" list and the program's own entry, also without the association task.
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{cm:AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: ".scdossier"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: ".scpart"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"",0"
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""

[Run]
Filename: "{app}\{#ExeName}"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent
Filename: "{app}\{#ExeName}"; Parameters: "--demo"; Description: "{cm:OpenDemo}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Only what the program itself writes next to itself; dossiers (in Documents) and settings stay.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
