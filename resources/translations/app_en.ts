<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Actions</name>
    <message>
        <source>新建卷宗…</source>
        <translation>New dossier…</translation>
    </message>
    <message>
        <source>打开卷宗…</source>
        <translation>Open dossier…</translation>
    </message>
    <message>
        <source>打开示例卷宗</source>
        <translation>Open the demo dossier</translation>
    </message>
    <message>
        <source>立即保存</source>
        <translation>Save now</translation>
    </message>
    <message>
        <source>修改会在约 2 秒内自动保存；Ctrl+S 立即保存</source>
        <translation>Changes are saved automatically within about 2 seconds; Ctrl+S saves at once</translation>
    </message>
    <message>
        <source>版本…</source>
        <translation>Versions…</translation>
    </message>
    <message>
        <source>加密…</source>
        <translation>Encryption…</translation>
    </message>
    <message>
        <source>导出申报材料…</source>
        <translation>Export the application…</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>关闭卷宗</source>
        <translation>Close dossier</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>转到目录</source>
        <translation>Go to the outline</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>指标总表</source>
        <translation>Indicator table</translation>
    </message>
    <message>
        <source>分发给各部门…</source>
        <translation>Hand out to units…</translation>
    </message>
    <message>
        <source>收回与合并…</source>
        <translation>Take back and merge…</translation>
    </message>
    <message>
        <source>合并冲突…</source>
        <translation>Merge conflicts…</translation>
    </message>
    <message>
        <source>各部门进度…</source>
        <translation>Progress by unit…</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open the log folder</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
</context>
<context>
    <name>Analysis</name>
    <message>
        <source>未填</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>各二级指标的基础条件</source>
        <translation>Readiness by level-2 area</translation>
    </message>
    <message>
        <source>不适用 {n}</source>
        <translation>not applicable {n}</translation>
    </message>
    <message>
        <source>分析：基础条件、项目支撑与前后一致性</source>
        <translation>Analysis: readiness, project support and consistency</translation>
    </message>
    <message>
        <source>正在分析…</source>
        <translation>Analysing…</translation>
    </message>
    <message>
        <source>提示</source>
        <comment>findings</comment>
        <translation>Findings</translation>
    </message>
    <message>
        <source>指标 × 项目 × 资金</source>
        <translation>Indicators × projects × money</translation>
    </message>
    <message>
        <source>双击或按回车转到相关内容。提示只是建议：核实后若无需修改，可写明理由将其忽略，理由保存在卷宗中。</source>
        <translation>Double-click or press Enter to go to the text or value concerned. Findings are advice: if you checked one and nothing needs to change, dismiss it with a reason, which is kept in the dossier.</translation>
    </message>
    <message>
        <source>分析提示</source>
        <translation>Analysis findings</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>忽略理由</source>
        <translation>Reason for dismissing</translation>
    </message>
    <message>
        <source>忽略的理由（必填），如：文中为2010年普查数</source>
        <translation>Reason for dismissing (required), e.g. the text quotes the 2010 census</translation>
    </message>
    <message>
        <source>忽略此提示</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>恢复提示</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>指标、支撑项目和资金</source>
        <translation>Indicators, supporting projects and money</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>基础条件</source>
        <translation>Readiness</translation>
    </message>
    <message>
        <source>支撑项目（分摊金额，万元）</source>
        <translation>Supporting projects (share, 10k CNY)</translation>
    </message>
    <message>
        <source>资金（万元）</source>
        <translation>Money (10k CNY)</translation>
    </message>
    <message>
        <source>适用指标 {n} 项，其中基础较好 {ready} 项；有项目和资金支撑 {funded} 项。</source>
        <translation>{n} applicable indicators, {ready} of them ready; {funded} supported by projects with money. </translation>
    </message>
    <message>
        <source>发现 {n} 条提示。</source>
        <translation>{n} findings.</translation>
    </message>
    <message>
        <source>没有发现不一致之处。</source>
        <translation>No inconsistencies found.</translation>
    </message>
    <message>
        <source>已忽略（{n}）</source>
        <translation>Dismissed ({n})</translation>
    </message>
    <message>
        <source>已忽略</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>忽略理由：{reason}</source>
        <translation>Reason for dismissing: {reason}</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>忽略分析提示</source>
        <translation>Dismiss an analysis finding</translation>
    </message>
    <message>
        <source>恢复分析提示</source>
        <translation>Restore an analysis finding</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>申报卷宗 (*{ext});;所有文件 (*)</source>
        <translation>Dossiers (*{ext});;All files (*)</translation>
    </message>
    <message>
        <source>申报卷宗或部门工作包 (*{ext} *.scpart);;所有文件 (*)</source>
        <translation>Dossiers or work packages (*{ext} *.scpart);;All files (*)</translation>
    </message>
    <message>
        <source>无法打开卷宗</source>
        <translation>Cannot open the dossier</translation>
    </message>
    <message>
        <source>卷宗已损坏</source>
        <translation>The dossier is damaged</translation>
    </message>
    <message>
        <source>可以把仍能读出的内容恢复到一个新文件中；原文件不会被改动。</source>
        <translation>What can still be read can be recovered into a new file; the original file is not changed.</translation>
    </message>
    <message>
        <source>恢复到新文件…</source>
        <translation>Recover into a new file…</translation>
    </message>
    <message>
        <source>{stem}-恢复{suffix}</source>
        <translation>{stem}-recovered{suffix}</translation>
    </message>
    <message>
        <source>恢复的内容保存为</source>
        <translation>Save the recovered dossier as</translation>
    </message>
    <message>
        <source>无法恢复</source>
        <translation>Cannot recover</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Recovery finished</translation>
    </message>
    <message>
        <source>卷宗 {name} 正由 {user}（计算机 {host}）打开编辑，打开时间：{time}。</source>
        <translation>The dossier {name} is being edited by {user} (computer {host}), opened at {time}.</translation>
    </message>
    <message>
        <source>卷宗正在被使用</source>
        <translation>Dossier in use</translation>
    </message>
    <message>
        <source>以只读方式打开</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>打开一个副本</source>
        <translation>Open a copy</translation>
    </message>
    <message>
        <source>接管并编辑</source>
        <translation>Take over and edit</translation>
    </message>
    <message>
        <source>只有在确认 {host} 上的程序已经关闭时才应接管，否则两处的修改会互相覆盖。确定接管？</source>
        <translation>Take over only if you are sure the program on {host} has been closed; otherwise the two copies&apos; changes will overwrite each other. Take over?</translation>
    </message>
    <message>
        <source>{stem}-副本{suffix}</source>
        <translation>{stem}-copy{suffix}</translation>
    </message>
    <message>
        <source>副本保存为</source>
        <translation>Save the copy as</translation>
    </message>
    <message>
        <source>打开申报卷宗</source>
        <translation>Open a dossier</translation>
    </message>
    <message>
        <source>无法建立示例卷宗</source>
        <translation>Cannot create the demo dossier</translation>
    </message>
    <message>
        <source>智慧城市试点申报助手</source>
        <translation>Smart City Pilot Declaration Assistant</translation>
    </message>
    <message>
        <source>可以只读方式打开，或打开一个副本。</source>
        <translation>You can open it read-only or open a copy.</translation>
    </message>
    <message>
        <source>找不到文件 {path}。</source>
        <translation>File not found: {path}.</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <source>无法打开附件</source>
        <translation>Cannot open the attachment</translation>
    </message>
    <message>
        <source>无法添加附件</source>
        <translation>Cannot add the attachment</translation>
    </message>
    <message>
        <source>无法读取 {path}：{reason}</source>
        <translation>Cannot read {path}: {reason}</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>也可以把文件拖到这里</source>
        <translation>or drop files here</translation>
    </message>
    <message>
        <source>{name}，{size}，{author} 添加于 {time}</source>
        <translation>{name}, {size}, added by {author} on {time}</translation>
    </message>
    <message>
        <source>（尚无附件）</source>
        <translation>(no attachments yet)</translation>
    </message>
    <message>
        <source>选择要附上的文件</source>
        <translation>Choose files to attach</translation>
    </message>
    <message>
        <source>移除附件</source>
        <translation>Remove attachments</translation>
    </message>
    <message>
        <source>从卷宗中移除这些附件？
{names}</source>
        <translation>Remove these attachments from the dossier?
{names}</translation>
    </message>
    <message>
        <source>无法移除附件</source>
        <translation>Cannot remove the attachment</translation>
    </message>
    <message>
        <source>申报条件 {n}</source>
        <translation>Condition {n}</translation>
    </message>
    <message>
        <source>附件</source>
        <comment>section</comment>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>证明材料保存在卷宗文件内部。在申报条件或指标页面添加附件（按钮或拖放）；这里列出全部附件。双击打开副本，按“转到所属页面”回到添加它的地方。</source>
        <translation>Supporting documents are stored inside the dossier file. Add them on a condition or indicator page (button or drag and drop); all of them are listed here. Double-click opens a copy; &quot;Go to page&quot; returns to where a document was added.</translation>
    </message>
    <message>
        <source>全部附件</source>
        <translation>All attachments</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>所属</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>添加人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added on</translation>
    </message>
    <message>
        <source>转到所属页面</source>
        <translation>Go to page</translation>
    </message>
    <message>
        <source>共 {n} 个附件，{size}</source>
        <comment>n=1</comment>
        <translation>{n} attachment, {size}</translation>
    </message>
    <message>
        <source>共 {n} 个附件，{size}</source>
        <translation>{n} attachments, {size}</translation>
    </message>
</context>
<context>
    <name>Budget</name>
    <message>
        <source>分年度财政预算安排（万元）</source>
        <translation>Budget by year (10k CNY)</translation>
    </message>
    <message>
        <source>填写政府已列入预算或已承诺安排的智慧城市建设财政资金。项目的财政资金合计不应超过这里的合计。</source>
        <translation>Enter the fiscal money the government has budgeted or committed for smart-city work. The projects&apos; fiscal funds should not exceed this total.</translation>
    </message>
    <message>
        <source>预算合计 {budget} 万元；项目财政资金合计 {fiscal} 万元</source>
        <translation>Budget total {budget} (10k CNY); projects&apos; fiscal funds {fiscal} (10k CNY)</translation>
    </message>
    <message>
        <source>，超出 {excess} 万元</source>
        <translation>, {excess} over</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>合并冲突</source>
        <translation>Merge conflicts</translation>
    </message>
    <message>
        <source>这些内容在分发之后本卷宗（牵头办公室）和部门都改过，程序无法替您决定。请逐项比较：绿色是相对分发时新增或改动的字，红色删除线是被删去的字。每个决定都可以撤销（Ctrl+Z）。</source>
        <translation>Since the hand-out, both this dossier (the coordinating office) and a unit changed these fields, so the program cannot decide for you. Compare them one by one: green marks characters added or changed since the hand-out, red strike-through marks characters removed. Every decision can be undone (Ctrl+Z).</translation>
    </message>
    <message>
        <source>未解决的冲突</source>
        <translation>Unresolved conflicts</translation>
    </message>
    <message>
        <source>分发时（共同的原值）</source>
        <translation>At hand-out (the common original)</translation>
    </message>
    <message>
        <source>本卷宗现在的值</source>
        <translation>This dossier&apos;s value now</translation>
    </message>
    <message>
        <source>编辑后采用的内容</source>
        <translation>Edited text to use</translation>
    </message>
    <message>
        <source>保留本卷宗的值</source>
        <translation>Keep this dossier&apos;s value</translation>
    </message>
    <message>
        <source>采用部门的值</source>
        <translation>Take the unit&apos;s value</translation>
    </message>
    <message>
        <source>采用下面编辑的内容</source>
        <translation>Use the edited text below</translation>
    </message>
    <message>
        <source>或者合并两边后自己写（先填入部门的值）：</source>
        <translation>Or combine both yourself (starts with the unit&apos;s value):</translation>
    </message>
    <message>
        <source>所有冲突都已解决。检查页不再报告合并冲突。</source>
        <translation>All conflicts are resolved. The check page no longer reports merge conflicts.</translation>
    </message>
    <message>
        <source>分发时的值</source>
        <translation>Value at hand-out</translation>
    </message>
    <message>
        <source>本卷宗的值</source>
        <translation>This dossier&apos;s value</translation>
    </message>
    <message>
        <source>部门的值</source>
        <translation>The unit&apos;s value</translation>
    </message>
    <message>
        <source>&lt;i&gt;（分发时为空）&lt;/i&gt;</source>
        <translation>&lt;i&gt;(empty at hand-out)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;（空）&lt;/i&gt;</source>
        <translation>&lt;i&gt;(empty)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>the unit</translation>
    </message>
    <message>
        <source>{unit}交回的值</source>
        <translation>Value returned by {unit}</translation>
    </message>
    <message>
        <source>冲突：保留本卷宗的值</source>
        <translation>Conflict: keep this dossier&apos;s value</translation>
    </message>
    <message>
        <source>冲突：采用部门的值</source>
        <translation>Conflict: take the unit&apos;s value</translation>
    </message>
    <message>
        <source>冲突：采用编辑后的内容</source>
        <translation>Conflict: use the edited text</translation>
    </message>
    <message>
        <source>未能保存决定</source>
        <translation>Decision not saved</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>内存不足，刚才的操作没有完成。卷宗中已保存的内容不受影响。</source>
        <translation>Out of memory: the last operation did not finish. What is saved in the dossier is not affected.</translation>
    </message>
    <message>
        <source>程序遇到了意外问题（{kind}），刚才的操作可能没有完成。已保存的内容不受影响。

详细信息已记录在：{log}
如问题反复出现，请把这个文件发给技术支持。</source>
        <translation>The program ran into an unexpected problem ({kind}); the last operation may not have finished. What is saved is not affected.

Details were written to: {log}
If this happens again, please send that file to technical support.</translation>
    </message>
    <message>
        <source>出现问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>EncryptionDialog</name>
    <message>
        <source>卷宗加密</source>
        <translation>Dossier encryption</translation>
    </message>
    <message>
        <source>新口令</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <source>新口令：</source>
        <translation>New passphrase:</translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation>Enter it again: </translation>
    </message>
    <message>
        <source>解除加密</source>
        <translation>Remove encryption</translation>
    </message>
    <message>
        <source>解除后，卷宗内容以明文保存，任何拿到文件的人都能读取。</source>
        <translation>Afterwards the dossier is stored in the clear: anyone who gets the file can read it.</translation>
    </message>
    <message>
        <source>解除加密…</source>
        <translation>Remove encryption…</translation>
    </message>
    <message>
        <source>重写卷宗的进度</source>
        <translation>Progress of rewriting the dossier</translation>
    </message>
    <message>
        <source>正在重写卷宗…… %p%</source>
        <translation>Rewriting the dossier… %p%</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>此卷宗已加密（AES-256-GCM）。文件及其日志中不含明文；口令保存在系统钥匙串中（如有）。</source>
        <translation>This dossier is encrypted (AES-256-GCM). Neither the file nor its journal holds plain text; the key is kept in the system keyring (if there is one).</translation>
    </message>
    <message>
        <source>更改口令</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>此卷宗未加密：拿到文件的人都能读取其内容。加密后，打开卷宗需要口令。</source>
        <translation>This dossier is not encrypted: anyone who gets the file can read it. Once encrypted, opening it needs the passphrase.</translation>
    </message>
    <message>
        <source>加密此卷宗</source>
        <translation>Encrypt this dossier</translation>
    </message>
    <message>
        <source>加密</source>
        <translation>Encrypt</translation>
    </message>
    <message>
        <source>卷宗以只读方式打开，不能更改加密设置。</source>
        <translation>The dossier is open read-only; its encryption cannot be changed.</translation>
    </message>
    <message>
        <source>口令至少需要 8 个字符。</source>
        <translation>The passphrase must have at least 8 characters.</translation>
    </message>
    <message>
        <source>两次输入的口令不一致。</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <source>加密后，每次打开卷宗都需要口令。忘记口令将无法打开卷宗，程序也无法找回。确定加密吗？</source>
        <translation>Once encrypted, the dossier asks for the passphrase every time it is opened. A forgotten passphrase cannot be recovered, not even by this program. Encrypt now?</translation>
    </message>
    <message>
        <source>更改后，旧口令将不能再打开此卷宗。确定更改口令吗？</source>
        <translation>Afterwards the old passphrase no longer opens this dossier. Change the passphrase?</translation>
    </message>
    <message>
        <source>卷宗已加密。</source>
        <translation>The dossier is encrypted.</translation>
    </message>
    <message>
        <source>口令已更改。</source>
        <translation>The passphrase was changed.</translation>
    </message>
    <message>
        <source>解除加密后，卷宗内容以明文保存，任何拿到文件的人都能读取。确定解除加密吗？</source>
        <translation>Without encryption the dossier is stored in the clear and anyone who gets the file can read it. Remove encryption?</translation>
    </message>
    <message>
        <source>已解除加密。</source>
        <translation>Encryption removed.</translation>
    </message>
    <message>
        <source>请先解决保存问题：尚未保存的修改无法写入卷宗。</source>
        <translation>Please solve the saving problem first: unsaved edits cannot be written to the dossier.</translation>
    </message>
    <message>
        <source>这个卷宗正在重写，请等它完成。</source>
        <translation>This dossier is being rewritten; please wait until it has finished.</translation>
    </message>
</context>
<context>
    <name>ExcelImportDialog</name>
    <message>
        <source>导入 Excel 自评表</source>
        <translation>Import the Excel self-assessment</translation>
    </message>
    <message>
        <source>选择由本程序导出、经各部门填写的“指标自评表”。导入前会列出全部修改，确认后才应用；有无法接受的单元格时不会导入任何内容。</source>
        <translation>Choose a self-assessment workbook exported by this program and filled in by a department. Every change is listed before it is applied; if any cell cannot be accepted, nothing is imported.</translation>
    </message>
    <message>
        <source>工作簿文件</source>
        <translation>Workbook file</translation>
    </message>
    <message>
        <source>选择工作簿…</source>
        <translation>Choose workbook…</translation>
    </message>
    <message>
        <source>将要修改的内容</source>
        <translation>Changes to be made</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>字段名</source>
        <translation>Field key</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>应用导入</source>
        <translation>Apply import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择 Excel 工作簿</source>
        <translation>Choose an Excel workbook</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation>Excel workbooks (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>正在读取工作簿……</source>
        <translation>Reading the workbook…</translation>
    </message>
    <message>
        <source>（清空）</source>
        <translation>(cleared)</translation>
    </message>
    <message>
        <source>工作簿与当前卷宗一致，没有需要导入的修改。</source>
        <translation>The workbook matches the dossier: there is nothing to import.</translation>
    </message>
    <message>
        <source>将修改 {n} 项</source>
        <translation>{n} changes</translation>
    </message>
    <message>
        <source>将修改 {n} 项</source>
        <comment>n=1</comment>
        <translation>{n} change</translation>
    </message>
    <message>
        <source>，其中新增项目 {n} 个</source>
        <comment>n=1</comment>
        <translation>, including {n} new project</translation>
    </message>
    <message>
        <source>，其中新增项目 {n} 个</source>
        <translation>, including {n} new projects</translation>
    </message>
    <message>
        <source>。卷宗以只读方式打开，不能导入。</source>
        <translation>. The dossier is open read-only, so it cannot be imported.</translation>
    </message>
    <message>
        <source>。请核对后点击“应用导入”（可在“版本”中恢复导入前的内容）。</source>
        <translation>. Check them, then click &quot;Apply import&quot; (the previous content can be restored from &quot;Versions&quot;).</translation>
    </message>
    <message>
        <source>工作簿中有 {n} 处无法导入，未导入任何内容。请在 Excel 中改正下列单元格后重新选择：</source>
        <translation>{n} cells of the workbook cannot be imported, so nothing was imported. Correct these cells in Excel and choose the file again:</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>单元格</source>
        <translation>Cell</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Finding</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出申报材料</source>
        <translation>Export the application</translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation>What to export</translation>
    </message>
    <message>
        <source>申报书（Word，.docx）</source>
        <translation>Declaration (Word, .docx)</translation>
    </message>
    <message>
        <source>指标自评表（Excel，.xlsx，可交各部门填写后导回）</source>
        <translation>Self-assessment workbook (Excel, .xlsx; departments can fill it in and send it back)</translation>
    </message>
    <message>
        <source>投融资方案（Word 和 Excel，按各项目申报的年度计划）</source>
        <translation>Investment and financing plan (Word and Excel, from the projects&apos; declared annual plans)</translation>
    </message>
    <message>
        <source>PDF（由 LibreOffice 转换）</source>
        <translation>PDF (converted by LibreOffice)</translation>
    </message>
    <message>
        <source>在自评表中附加“基础条件分析”表（本程序自己的衡量，不是官方评分）</source>
        <translation>Add the “Readiness analysis” sheet to the workbook (the program&apos;s own measure, not an official score)</translation>
    </message>
    <message>
        <source>未安装 LibreOffice，无法导出 PDF。安装 LibreOffice（免费）后即可使用；也可以用 Word/WPS 打开导出的文件另存为 PDF。</source>
        <translation>LibreOffice is not installed, so PDF cannot be exported. Install LibreOffice (free) to enable it, or open the exported files in Word/WPS and save them as PDF.</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>导出文件夹</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>注意：卷宗已加密，但导出的 Word/Excel/PDF 文件不加密，请妥善保管。</source>
        <translation>Note: the dossier is encrypted, but the exported Word/Excel/PDF files are not. Keep them safe.</translation>
    </message>
    <message>
        <source>卷宗尚有 {n} 处错误：导出的每份文件都将标为“草稿”。改正后重新导出即为正式文本。</source>
        <translation>The dossier still has {n} errors: every exported file will be marked as a DRAFT. Correct them and export again for the final text.</translation>
    </message>
    <message>
        <source>卷宗没有错误：导出的文件为正式文本（无草稿标记）。</source>
        <translation>The dossier has no errors: the exported files are final (no draft mark).</translation>
    </message>
    <message>
        <source>申报书中的“承诺书”为程序提供的示范文本（部里未公布格式），请在 Word/WPS 中按本地要求核对修改。</source>
        <translation>The 承诺书 (commitment letter) in the declaration is a sample text written by the program (the ministry published no format): check and adapt it in Word/WPS to local requirements.</translation>
    </message>
    <message>
        <source>导出进度</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择导出文件夹</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <source>请至少选择一种导出格式。</source>
        <translation>Choose at least one format.</translation>
    </message>
    <message>
        <source>无法使用文件夹 {folder}：{detail}</source>
        <translation>Cannot use the folder {folder}: {detail}</translation>
    </message>
    <message>
        <source>保存失败，未导出：{detail}</source>
        <translation>Saving failed, nothing was exported: {detail}</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出到 {folder}：
{names}</source>
        <translation>Exported to {folder}:
{names}</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>单位：{unit}</source>
        <translation>Unit: {unit}</translation>
    </message>
    <message>
        <source>修改记录…</source>
        <translation>Change history…</translation>
    </message>
    <message>
        <source>{unit}；{message}</source>
        <translation>{unit}; {message}</translation>
    </message>
    <message>
        <source>— 请选择 —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>如 2015-12 或 2015-12-31</source>
        <translation>e.g. 2015-12 or 2015-12-31</translation>
    </message>
    <message>
        <source>如 2014</source>
        <translation>e.g. 2014</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>{severity}：{text}</source>
        <translation>{severity}: {text}</translation>
    </message>
</context>
<context>
    <name>HandOut</name>
    <message>
        <source>本程序（.scpart）</source>
        <translation>This program (.scpart)</translation>
    </message>
    <message>
        <source>Excel 工作簿（.xlsx）</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>{unit}：</source>
        <translation>To {unit}:</translation>
    </message>
    <message>
        <source>{applicant}正在准备国家智慧城市试点申报材料。请贵单位填写随附工作包“{file}”中由贵单位牵头的内容，并于 {due} 前交回。</source>
        <translation>{applicant} is preparing its application for the national smart city pilot. Please fill in the parts your unit leads in the attached work package &quot;{file}&quot; and return it by {due}.</translation>
    </message>
    <message>
        <source>负责的指标（{n} 项）：</source>
        <translation>Indicators you lead ({n}):</translation>
    </message>
    <message>
        <source>负责的项目（{n} 个）：</source>
        <translation>Projects you lead ({n}):</translation>
    </message>
    <message>
        <source>填写方法：安装“智慧城市试点申报助手”后双击工作包打开，只有贵单位负责的内容可以修改，其余内容仅供参考。填完后点击窗口上方的“交回…”，把工作包文件原样发回（电子邮件附件、U 盘或共享文件夹均可）。</source>
        <translation>How to fill it in: install the Smart City Pilot Application Assistant and double-click the work package. Only the parts your unit leads can be changed; everything else is there for reference. When done, click &quot;Hand back…&quot; at the top of the window and send the package file back unchanged (as an e-mail attachment, on a USB stick or through a shared folder).</translation>
    </message>
    <message>
        <source>填写方法：用 Excel 或 WPS 打开工作簿，只填写贵单位负责的指标和项目所在的行，不要改动其他行、隐藏的列和工作表；保存后把工作簿原样发回（电子邮件附件、U 盘或共享文件夹均可）。</source>
        <translation>How to fill it in: open the workbook in Excel or WPS and fill in only the rows of the indicators and projects your unit leads; do not change other rows or the hidden columns and sheets. Save it and send the workbook back (as an e-mail attachment, on a USB stick or through a shared folder).</translation>
    </message>
    <message>
        <source>详细说明见程序“帮助 › 使用说明”中的“部门填写指南”（一页）。如有疑问请与我们联系。</source>
        <translation>The one-page &quot;Guide for units&quot; in the program&apos;s Help › User guide explains the details. Please contact us with any question.</translation>
    </message>
    <message>
        <source>分发给各部门</source>
        <translation>Hand out to units</translation>
    </message>
    <message>
        <source>每个牵头单位会收到一个工作包：整份申报书供参考，只有该单位负责的指标和项目可以填写。在右侧可以把指标改派给别的单位（选择单位，或拖到左侧的单位上）；为每个单位定好截止日期和方式（有本程序的用 .scpart，没有的用 Excel 工作簿），然后写出到一个文件夹。</source>
        <translation>Each lead unit receives a work package: the whole application for reference, with only its own indicators and projects open for filling in. On the right you can reassign indicators to another unit (choose the unit, or drag them onto a unit on the left); set a due date and a route for each unit (.scpart for units with this program, an Excel workbook for the others), then write the packages into a folder.</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>指标</source>
        <comment>column</comment>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>项目</source>
        <comment>column</comment>
        <translation>Projects</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>该单位负责的指标和项目</source>
        <translation>The unit&apos;s indicators and projects</translation>
    </message>
    <message>
        <source>改派给</source>
        <translation>Reassign to</translation>
    </message>
    <message>
        <source>改派所选指标</source>
        <translation>Reassign selected</translation>
    </message>
    <message>
        <source>改派给：</source>
        <translation>Reassign to:</translation>
    </message>
    <message>
        <source>随工作包发出的说明</source>
        <translation>Covering note sent with the package</translation>
    </message>
    <message>
        <source>复制说明</source>
        <translation>Copy note</translation>
    </message>
    <message>
        <source>打印说明…</source>
        <translation>Print note…</translation>
    </message>
    <message>
        <source>该单位负责：</source>
        <translation>This unit leads:</translation>
    </message>
    <message>
        <source>随工作包发出的说明（可修改后复制到邮件或打印）：</source>
        <translation>Covering note (edit it, then copy it into an e-mail or print it):</translation>
    </message>
    <message>
        <source>部门工作包</source>
        <translation>Work packages</translation>
    </message>
    <message>
        <source>写出到文件夹</source>
        <translation>Write to folder</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>写出到：</source>
        <translation>Write to:</translation>
    </message>
    <message>
        <source>写出工作包</source>
        <translation>Write packages</translation>
    </message>
    <message>
        <source>{unit} 的截止日期</source>
        <translation>Due date for {unit}</translation>
    </message>
    <message>
        <source>{unit} 的方式</source>
        <translation>Route for {unit}</translation>
    </message>
    <message>
        <source>卷宗中的指标和项目都还没有填写牵头单位：先在各指标页填写“牵头单位”。</source>
        <translation>No indicator or project names a lead unit yet: fill in &quot;Lead unit&quot; on the indicator pages first.</translation>
    </message>
    <message>
        <source>指标 {id} {label}</source>
        <translation>Indicator {id} {label}</translation>
    </message>
    <message>
        <source>项目 {name}</source>
        <translation>Project {name}</translation>
    </message>
    <message>
        <source>先在上面的列表中选择要改派的指标或项目。</source>
        <translation>First select the indicators or projects to reassign in the list above.</translation>
    </message>
    <message>
        <source>请选择或输入接手的牵头单位。</source>
        <translation>Choose or type the lead unit that takes them over.</translation>
    </message>
    <message>
        <source>改派给 {unit}</source>
        <translation>Reassign to {unit}</translation>
    </message>
    <message>
        <source>选择写出工作包的文件夹</source>
        <translation>Choose the folder for the work packages</translation>
    </message>
    <message>
        <source>没有选择任何单位。</source>
        <translation>No unit is selected.</translation>
    </message>
    <message>
        <source>已写出 {n} 个工作包到 {folder}。把每个文件连同它的说明发给对应的单位。</source>
        <translation>Work packages written: {n}, in {folder}. Send each file with its covering note to its unit.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source># 使用说明

找不到使用说明文件（{path}）。请重新安装程序。</source>
        <translation># User guide

The user guide file was not found ({path}). Please reinstall the program.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>手工填写</source>
        <translation>typed</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>imported</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>merged</translation>
    </message>
    <message>
        <source>恢复版本</source>
        <translation>version restored</translation>
    </message>
    <message>
        <source>自动计算</source>
        <translation>calculated</translation>
    </message>
    <message>
        <source>修改记录：{field}</source>
        <translation>Change history: {field}</translation>
    </message>
    <message>
        <source>附件</source>
        <comment>source</comment>
        <translation>attachment</translation>
    </message>
    <message>
        <source>修改记录</source>
        <comment>table</comment>
        <translation>Change history</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>新的值</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>这一项还没有修改记录。</source>
        <translation>This field has no recorded changes yet.</translation>
    </message>
</context>
<context>
    <name>IndicatorGrid</name>
    <message>
        <source>全部三级指标总表</source>
        <translation>All level-3 indicators</translation>
    </message>
    <message>
        <source>全部 {n} 项三级指标一表编辑：双击、F2 或直接输入即可编辑；可从 Excel 粘贴一块单元格（一步可撤销）；Delete 清空所选。红底为错误，黄底为提醒，悬停看说明。</source>
        <translation>All {n} level-3 indicators in one table: double-click, F2 or just type to edit; paste a block of cells from Excel (one undo step); Delete clears the selection. Red cells have errors, yellow ones warnings; hover for details.</translation>
    </message>
</context>
<context>
    <name>IndicatorGridModel</name>
    <message>
        <source>{id}“{column}”</source>
        <translation>{id} &quot;{column}&quot;</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>一级指标</source>
        <translation>Level 1</translation>
    </message>
    <message>
        <source>二级指标</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <source>三级指标</source>
        <translation>Level 3</translation>
    </message>
    <message>
        <source>第 1 项量化目标；更多项在指标页面的“量化目标”表中填写</source>
        <translation>The first quantified target; enter more in the “Quantified targets” table of the indicator page</translation>
    </message>
    <message>
        <source>双击、F2 或直接输入开始编辑；Enter 换行，Ctrl+Enter 确认</source>
        <translation>Double-click, F2 or type to edit; Enter starts a new line, Ctrl+Enter confirms</translation>
    </message>
    <message>
        <source>本指标已标为不适用</source>
        <translation>This indicator is marked not applicable</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>这个卷宗以只读方式打开，不能修改。要修改，请在别处关闭它后重新打开，或打开一个副本。</source>
        <translation>This dossier is open read-only and cannot be changed. To change it, close it where it is open and open it again, or open a copy.</translation>
    </message>
    <message>
        <source>智慧城市试点申报助手</source>
        <translation>Smart City Pilot Declaration Assistant</translation>
    </message>
    <message>
        <source>总体完成度</source>
        <translation>Overall completion</translation>
    </message>
    <message>
        <source>总体完成 %p%</source>
        <translation>Overall %p% complete</translation>
    </message>
    <message>
        <source>‹ 上一页</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <source>下一页 ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>自动保存已开启</source>
        <translation>Autosave on</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>部门(&amp;D)</source>
        <translation>&amp;Departments</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>上次使用这个卷宗时（{time} 打开），程序没有正常退出。已保存的内容都在，但最后几秒内的输入可能没有保存：请看一下上次编辑的页面。</source>
        <translation>The program did not exit normally the last time this dossier was used (opened {time}). Everything saved is there, but the last seconds of typing may be missing: please look over the page you were editing.</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>项目与投资</source>
        <translation>Projects and investment</translation>
    </message>
    <message>
        <source>第 {n} / {total} 页  ·  {title}</source>
        <translation>Page {n} of {total}  ·  {title}</translation>
    </message>
    <message>
        <source>指标总表</source>
        <translation>Indicator table</translation>
    </message>
    <message>
        <source>指标总表（再按 Ctrl+G 回到当前页面）</source>
        <translation>Indicator table (Ctrl+G returns to the current page)</translation>
    </message>
    <message>
        <source>已撤销：{what}</source>
        <translation>Undone: {what}</translation>
    </message>
    <message>
        <source>已重做：{what}</source>
        <translation>Redone: {what}</translation>
    </message>
    <message>
        <source>已保存 {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <source>保存失败，稍后重试</source>
        <translation>Saving failed, will retry</translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>功能不可用</source>
        <translation>Not available</translation>
    </message>
    <message>
        <source>此版本中没有安装这个功能。</source>
        <translation>This function is not installed in this version.</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; {version}&lt;br&gt;用于准备国家智慧城市试点申报材料（住房城乡建设部 2012 年指标体系）。&lt;br&gt;卷宗文件：{path}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; {version}&lt;br&gt;Prepares the application for the national smart city pilot (MOHURD 2012 indicator system).&lt;br&gt;Dossier file: {path}</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <source>最近的修改未能写入卷宗：{reason}
仍要关闭吗？未保存的修改将丢失。</source>
        <translation>The latest changes could not be written to the dossier: {reason}
Close anyway? Unsaved changes will be lost.</translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <source>原文</source>
        <translation>verbatim</translation>
    </message>
    <message>
        <source>经公开来源证实</source>
        <translation>confirmed by a public source</translation>
    </message>
    <message>
        <source>据转载整理，未经证实</source>
        <translation>reconstructed from copies, not confirmed</translation>
    </message>
    <message>
        <source>未找到公开来源</source>
        <translation>no public source found</translation>
    </message>
    <message>
        <source>生成…</source>
        <translation>Generate…</translation>
    </message>
    <message>
        <source>生成{label}</source>
        <translation>Generate {label}</translation>
    </message>
    <message>
        <source>页数（无法自动统计时填写）：</source>
        <translation>Pages (when they cannot be counted):</translation>
    </message>
    <message>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <source>可选</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>，共 {n} 页</source>
        <translation>, {n} pages in all</translation>
    </message>
    <message>
        <source>已附文件{pages}：申报包使用所附文件（优先于程序生成的文件）。</source>
        <translation>Files attached{pages}: the package uses the attached files (they win over the generated one).</translation>
    </message>
    <message>
        <source>已附文件{pages}：申报包使用所附文件。</source>
        <translation>Files attached{pages}: the package uses them.</translation>
    </message>
    <message>
        <source>由本程序根据卷宗生成；也可附上定稿文件（如盖章扫描件），附件优先。</source>
        <translation>Generated by the program from the dossier; you may also attach the final file (e.g. the stamped scan), which then wins.</translation>
    </message>
    <message>
        <source>缺：请附上文件。</source>
        <translation>Missing: please attach the file.</translation>
    </message>
    <message>
        <source>无（可选）。</source>
        <translation>None (optional).</translation>
    </message>
    <message>
        <source>保存到文件夹</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <source>未能生成</source>
        <translation>Could not generate</translation>
    </message>
    <message>
        <source>申报材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>申报批次：{round}（在“申报单位与基本情况”页选择）。下面是本批次要求的材料；“生成申报包”会把它们按顺序编号放入一个文件夹，并合成合订本。</source>
        <translation>Declaration round: {round} (chosen on the “Applicant and basic facts” page). Below are the materials this round asks for; “Make submission package” numbers them into one folder and combines them into one PDF.</translation>
    </message>
    <message>
        <source>通知：{notice}（{source}）</source>
        <translation>Notice: {notice} ({source})</translation>
    </message>
    <message>
        <source>报送截止：{value}（{source}）{note}</source>
        <translation>Deadline: {value} ({source}){note}</translation>
    </message>
    <message>
        <source>不详</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>——{note}</source>
        <translation> — {note}</translation>
    </message>
    <message>
        <source>格式要求：{value}（{source}）{note}</source>
        <translation>Format rules: {value} ({source}){note}</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>未能完成</source>
        <translation>Could not finish</translation>
    </message>
</context>
<context>
    <name>Outline</name>
    <message>
        <source>条件 {n}</source>
        <translation>Condition {n}</translation>
    </message>
    <message>
        <source>附件</source>
        <comment>section</comment>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>分析</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <source>申报材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>检查与导出</source>
        <translation>Review and export</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Outline</translation>
    </message>
    <message>
        <source>基础条件、项目支撑与前后一致性（本程序自己的衡量）</source>
        <translation>Readiness, project support and consistency (the program&apos;s own measure)</translation>
    </message>
    <message>
        <source>{n} 个附件</source>
        <comment>n=1</comment>
        <translation>{n} attachment</translation>
    </message>
    <message>
        <source>{n} 个附件</source>
        <translation>{n} attachments</translation>
    </message>
    <message>
        <source>本批次必需材料 {ready}/{required} 项已有</source>
        <translation>{ready} of the round&apos;s {required} required materials are available</translation>
    </message>
    <message>
        <source>{n} 个错误</source>
        <comment>n=1</comment>
        <translation>{n} error</translation>
    </message>
    <message>
        <source>{n} 个错误</source>
        <translation>{n} errors</translation>
    </message>
    <message>
        <source>已填 {filled} 项，共 {total} 项</source>
        <translation>{filled} of {total} answers given</translation>
    </message>
    <message>
        <source>{done} 页已完成，共 {total} 页</source>
        <translation>{done} of {total} pages complete</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>申报</source>
        <translation>declaration</translation>
    </message>
    <message>
        <source>{name}-申报包-{day}</source>
        <translation>{name}-package-{day}</translation>
    </message>
    <message>
        <source>生成申报包</source>
        <translation>Make submission package</translation>
    </message>
    <message>
        <source>申报包是一个新文件夹：本批次全部材料按序编号（附上的文件优先于程序生成的文件）、其他附件、材料清单、合订本 PDF（需要 LibreOffice）和校验清单 manifest.json。收件方可用 verify-package 核对文件是否被改动。</source>
        <translation>The package is a new folder: every material of the round, numbered (attached files win over generated ones), the other attachments, the materials checklist, a combined PDF (needs LibreOffice) and manifest.json with checksums. The receiver can check with verify-package that no file was changed.</translation>
    </message>
    <message>
        <source>申报包文件夹</source>
        <translation>Package folder</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>新文件夹：</source>
        <translation>New folder:</translation>
    </message>
    <message>
        <source>这是正式报送的定稿（先保存为定稿版本；之后的修改作为新草稿）</source>
        <translation>This is the final version to submit (saved first as a final version; later edits continue as a new draft)</translation>
    </message>
    <message>
        <source>草稿：卷宗有错误也生成，每份文件标注“草稿”</source>
        <translation>Draft: make it even with errors; every document is marked 草稿 (draft)</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Make</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>申报包放在哪个文件夹中</source>
        <translation>Where to put the package</translation>
    </message>
    <message>
        <source>请填写申报包的文件夹。</source>
        <translation>Please enter the package folder.</translation>
    </message>
    <message>
        <source>正在生成申报包……</source>
        <translation>Making the package…</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已生成申报包：{folder}（{n} 个文件）</source>
        <translation>Package made: {folder} ({n} files)</translation>
    </message>
    <message>
        <source>卷宗版本：{name}</source>
        <translation>Dossier version: {name}</translation>
    </message>
    <message>
        <source>缺少材料：{label}</source>
        <translation>Missing material: {label}</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>列入“十二五”规划或相关专项规划的文件（可节选）</source>
        <translation>the 12th Five-Year Plan or special plan that includes it (an excerpt will do)</translation>
    </message>
    <message>
        <source>智慧城市发展规划纲要</source>
        <translation>the smart city development plan outline</translation>
    </message>
    <message>
        <source>资金筹措方案或列入财政预算的文件</source>
        <translation>the financing scheme or the budget document that includes it</translation>
    </message>
    <message>
        <source>主要负责人牵头的领导小组等组织文件</source>
        <translation>the document setting up the leading group headed by the principal leader</translation>
    </message>
    <message>
        <source>申报单位与基本情况</source>
        <translation>Applicant and profile</translation>
    </message>
    <message>
        <source>填写申报主体和联系人。数字按所示单位填写（例如地区生产总值以万元计）。</source>
        <translation>Enter the applicant and the contact person. Give numbers in the units shown (GDP in 10k CNY, for example).</translation>
    </message>
    <message>
        <source>申报单位</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>基本情况</source>
        <translation>Basic facts</translation>
    </message>
    <message>
        <source>概况与目标</source>
        <translation>Overview and goals</translation>
    </message>
    <message>
        <source>（填写常住人口和城镇人口后自动计算）</source>
        <translation>(calculated once population and urban population are given)</translation>
    </message>
    <message>
        <source>城镇化率：{rate}</source>
        <translation>Urbanisation rate: {rate}</translation>
    </message>
    <message>
        <source>申报条件 {n}</source>
        <translation>Condition {n}</translation>
    </message>
    <message>
        <source>条文来源：{note}</source>
        <translation>Source of the wording: {note}</translation>
    </message>
    <message>
        <source>建议附上：{kinds}</source>
        <translation>Suggested documents: {kinds}</translation>
    </message>
    <message>
        <source>（未命名项目 {order}）</source>
        <translation>(unnamed project {order})</translation>
    </message>
    <message>
        <source>该项目在“项目与投资”中已关联本指标</source>
        <translation>This project is linked to the indicator on the &quot;Projects and investment&quot; page</translation>
    </message>
    <message>
        <source>（尚无项目；在“项目与投资”中添加）</source>
        <translation>(no projects yet; add them under &quot;Projects and investment&quot;)</translation>
    </message>
    <message>
        <source>支撑项目</source>
        <translation>Supporting projects</translation>
    </message>
    <message>
        <source>指标说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>这段说明从哪里来？关于来源标记的注解 ›</source>
        <translation>Where does this explanation come from? About the provenance marks ›</translation>
    </message>
    <message>
        <source>关于来源标记的注解</source>
        <translation>About the provenance marks</translation>
    </message>
    <message>
        <source>指标名称“{names}”：{note}</source>
        <translation>Indicator names “{names}”: {note}</translation>
    </message>
    <message>
        <source>【摘要】{note}</source>
        <translation>[Summary] {note}</translation>
    </message>
    <message>
        <source>来源：{note}</source>
        <translation>Source: {note}</translation>
    </message>
    <message>
        <source>保障措施</source>
        <translation>Safeguards</translation>
    </message>
    <message>
        <source>说明组织、政策、资金和运营方面的保障，以及申报单位意见。</source>
        <translation>Describe the organisational, policy, funding and operational safeguards, and the applicant&apos;s opinion.</translation>
    </message>
    <message>
        <source>“{what}”功能在此版本中不可用。</source>
        <translation>&quot;{what}&quot; is not available in this version.</translation>
    </message>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>量化目标</source>
        <translation>Quantified targets</translation>
    </message>
    <message>
        <source>增加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>每行一项可量化的目标，如“公交准点率 / % / 78 / 90”；写入申报书的量化目标表。</source>
        <translation>One measurable target per row, e.g. “bus punctuality / % / 78 / 90”; printed in the declaration&apos;s table of quantified targets.</translation>
    </message>
    <message>
        <source>{label}（第 {n} 项）</source>
        <translation>{label} (row {n})</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>显示口令</source>
        <translation>Show passphrase</translation>
    </message>
    <message>
        <source>隐藏口令</source>
        <translation>Hide passphrase</translation>
    </message>
    <message>
        <source>输入口令</source>
        <translation>Enter passphrase</translation>
    </message>
    <message>
        <source>口令不正确，请重新输入。</source>
        <translation>Wrong passphrase, please try again.</translation>
    </message>
    <message>
        <source>卷宗“{name}”已加密，请输入口令：</source>
        <translation>The dossier “{name}” is encrypted. Enter its passphrase:</translation>
    </message>
    <message>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>口令只用于本机解密，不会发送到任何地方。忘记口令将无法打开卷宗。</source>
        <translation>The passphrase only decrypts on this computer and is never sent anywhere. A forgotten passphrase means the dossier cannot be opened.</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>各部门进度</source>
        <translation>Progress by unit</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>指标</source>
        <comment>column</comment>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>项目</source>
        <comment>column</comment>
        <translation>Projects</translation>
    </message>
    <message>
        <source>已填</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>分发</source>
        <translation>Handed out</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>交回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>未交回</source>
        <translation>not returned</translation>
    </message>
    <message>
        <source>{n} 个牵头单位：{returned} 个已交回，{overdue} 个已逾期未交回，{conflicts} 项合并冲突待决定。“已填”按本卷宗现在的内容计算（部门交回并合并后才会增加）。</source>
        <translation>Lead units: {n}; returned: {returned}; overdue and not returned: {overdue}; merge conflicts to decide: {conflicts}. &quot;Filled&quot; counts this dossier as it is now (it grows when a unit&apos;s package is merged).</translation>
    </message>
</context>
<context>
    <name>ProjectDelegate</name>
    <message>
        <source>勾选本项目支撑的指标；Enter 或 Tab 确认，Esc 取消</source>
        <translation>Tick the indicators this project supports; Enter or Tab confirms, Esc cancels</translation>
    </message>
</context>
<context>
    <name>ProjectDetail</name>
    <message>
        <source>{year} 年：</source>
        <translation>{year}:</translation>
    </message>
    <message>
        <source>（未命名项目）</source>
        <translation>(unnamed project)</translation>
    </message>
    <message>
        <source>请先填写开始年份和完成年份，再填写分年度投资计划。</source>
        <translation>Enter the start and end years first, then the annual plan.</translation>
    </message>
    <message>
        <source>尚未申报年度计划。灰色数字是按建设期平均分配的建议值，不会保存；请按实际安排填写，或点击“采用建议值”。</source>
        <translation>No annual plan declared yet. The grey figures are a proposal (an even split over the build years) and are not saved: enter the real amounts, or click “Use proposal”.</translation>
    </message>
    <message>
        <source>尚未申报年度计划。</source>
        <translation>No annual plan declared yet.</translation>
    </message>
    <message>
        <source>计划合计 {sum} 万元，与总投资 {investment} 万元相差 {gap} 万元</source>
        <translation>Plan total {sum}, differs from the total investment {investment} by {gap} (10k CNY)</translation>
    </message>
    <message>
        <source>计划合计 {sum} 万元，等于总投资</source>
        <translation>Plan total {sum} (10k CNY), equal to the total investment</translation>
    </message>
    <message>
        <source>采用建议的年度计划：{name}</source>
        <translation>Use the proposed annual plan: {name}</translation>
    </message>
    <message>
        <source>在左侧表格中选择一个项目，这里显示它的年度投资计划、投融资情况和建设内容。</source>
        <translation>Select a project in the table; its annual plan, financing and content appear here.</translation>
    </message>
    <message>
        <source>年度投资计划（万元）</source>
        <translation>Annual plan (10k CNY)</translation>
    </message>
    <message>
        <source>投融资情况</source>
        <translation>Financing</translation>
    </message>
    <message>
        <source>采用建议值</source>
        <translation>Use proposal</translation>
    </message>
    <message>
        <source>把按建设期平均分配的建议值保存为本项目申报的年度计划（可撤销）</source>
        <translation>Save the proposal (an even split over the build years) as this project&apos;s declared annual plan (can be undone)</translation>
    </message>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message>
        <source>资金合计
（{unit}）</source>
        <translation>Funding total
({unit})</translation>
    </message>
    <message>
        <source>{year}年
（{unit}）</source>
        <translation>{year}
({unit})</translation>
    </message>
    <message>
        <source>{label}
（{unit}）</source>
        <translation>{label}
({unit})</translation>
    </message>
    <message>
        <source>本项目该年度的计划投资（申报的年度计划）；灰色斜体为按建设期平均分配的建议值，尚未申报</source>
        <translation>The project&apos;s planned investment in this year (its declared annual plan); grey italics are a proposal (an even split), not declared</translation>
    </message>
    <message>
        <source>四项资金来源之和；与总投资不一致时标红</source>
        <translation>Sum of the four funding sources; red when it differs from the total investment</translation>
    </message>
    <message>
        <source>本项目支撑的三级指标编号；悬停单元格可看指标名称</source>
        <translation>Level-3 indicators this project supports; hover a cell to see their names</translation>
    </message>
    <message>
        <source>双击或按 F2 在多行编辑框中编辑；Ctrl+Enter 确认</source>
        <translation>Double-click or F2 edits in a multi-line editor; Ctrl+Enter confirms</translation>
    </message>
    <message>
        <source>建议值 {amount}，尚未申报</source>
        <translation>proposal {amount}, not declared</translation>
    </message>
    <message>
        <source>建议值：按建设期平均分配，尚未申报。在此输入金额，或在右侧“年度投资计划”中采用建议值。</source>
        <translation>Proposal: an even split over the build years, not declared. Type an amount here, or use the proposal under “Annual plan” on the right.</translation>
    </message>
    <message>
        <source>与总投资不一致</source>
        <translation>differs from the total investment</translation>
    </message>
    <message>
        <source>多</source>
        <translation>more</translation>
    </message>
    <message>
        <source>少</source>
        <translation>less</translation>
    </message>
    <message>
        <source>资金合计 {total} 万元，比总投资 {investment} 万元{word} {diff} 万元</source>
        <translation>Funding totals {total} (10k CNY), {diff} {word} than the total investment of {investment}</translation>
    </message>
    <message>
        <source>第 {row} 行“{column}”</source>
        <translation>row {row} &quot;{column}&quot;</translation>
    </message>
    <message>
        <source>添加项目</source>
        <translation>Add project</translation>
    </message>
    <message>
        <source>上移项目</source>
        <translation>Move project up</translation>
    </message>
    <message>
        <source>下移项目</source>
        <translation>Move project down</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>项目与投资</source>
        <translation>Projects and investment</translation>
    </message>
    <message>
        <source>项目与资金表</source>
        <translation>Projects and funding</translation>
    </message>
    <message>
        <source>添加项目</source>
        <translation>Add project</translation>
    </message>
    <message>
        <source>在表末添加一个项目（Insert）</source>
        <translation>Add a project at the end of the table (Insert)</translation>
    </message>
    <message>
        <source>删除项目</source>
        <translation>Delete project</translation>
    </message>
    <message>
        <source>删除所选行的项目，删除前会确认，可撤销（Ctrl+Delete）</source>
        <translation>Delete the selected projects after confirming; can be undone (Ctrl+Delete)</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>把所选项目上移一行（Alt+↑）</source>
        <translation>Move the selected project up one row (Alt+↑)</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>把所选项目下移一行（Alt+↓）</source>
        <translation>Move the selected project down one row (Alt+↓)</translation>
    </message>
    <message>
        <source>双击、F2、Enter 或直接输入编辑单元格；Delete 清空所选单元格；可从 Excel 粘贴。金额单位均为万元，各资金来源之和应等于总投资。</source>
        <translation>Double-click, F2, Enter or just type to edit a cell; Delete clears the selected cells; you can paste from Excel. Amounts are in 10k CNY; the funding sources must add up to the total investment.</translation>
    </message>
    <message>
        <source>一个项目对应多个一级指标时，其投资在这些一级指标之间平均分摊。</source>
        <translation>A project serving several level-1 areas has its investment split evenly between them.</translation>
    </message>
    <message>
        <source>按各项目申报的分年度投资计划汇总；未申报年度计划的项目单列，不作平均分摊。</source>
        <translation>Sums the annual plans the projects declared; projects without a plan are listed separately, never split evenly.</translation>
    </message>
    <message>
        <source>按申报的年度计划汇总</source>
        <translation>From the declared annual plans</translation>
    </message>
    <message>
        <source>未申报年度计划</source>
        <translation>No annual plan declared</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>未申报</source>
        <translation>No plan</translation>
    </message>
    <message>
        <source>按年度的计划投资（万元）</source>
        <translation>Planned investment by year (10k CNY)</translation>
    </message>
    <message>
        <source>按一级指标（万元）</source>
        <translation>By level-1 area (10k CNY)</translation>
    </message>
    <message>
        <source>跨一级指标的项目：投资平均分摊</source>
        <translation>Projects across level-1 areas: investment split evenly</translation>
    </message>
    <message>
        <source>按年度（万元）</source>
        <translation>By year (10k CNY)</translation>
    </message>
    <message>
        <source>按资金来源（万元）</source>
        <translation>By funding source (10k CNY)</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>一级指标</source>
        <translation>Level 1</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>资金来源</source>
        <translation>Funding source</translation>
    </message>
    <message>
        <source>多</source>
        <translation>more</translation>
    </message>
    <message>
        <source>少</source>
        <translation>less</translation>
    </message>
    <message>
        <source>资金合计比总投资{word} {gap} 万元</source>
        <translation>Funding is {gap} (10k CNY) {word} than the total investment</translation>
    </message>
    <message>
        <source>资金来源合计 {funded} 万元，总投资 {total} 万元</source>
        <translation>Funding sources {funded}, total investment {total} (10k CNY)</translation>
    </message>
    <message>
        <source>资金来源合计等于总投资</source>
        <translation>Funding sources equal the total investment</translation>
    </message>
    <message>
        <source>共 {n} 个项目，总投资 {total} 万元</source>
        <comment>n=1</comment>
        <translation>{n} project, total investment {total} (10k CNY)</translation>
    </message>
    <message>
        <source>共 {n} 个项目，总投资 {total} 万元</source>
        <translation>{n} projects, total investment {total} (10k CNY)</translation>
    </message>
    <message>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <source>删除项目“{name}”？</source>
        <translation>Delete project &quot;{name}&quot;?</translation>
    </message>
    <message>
        <source>删除所选的 {n} 个项目？</source>
        <translation>Delete the {n} selected projects?</translation>
    </message>
    <message>
        <source>删除后可用“撤销”恢复。</source>
        <translation>You can bring them back with Undo.</translation>
    </message>
    <message>
        <source>删除项目“{name}”</source>
        <translation>Delete project &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>删除 {n} 个项目</source>
        <translation>Delete {n} projects</translation>
    </message>
</context>
<context>
    <name>Province</name>
    <message>
        <source>输入名称筛选，例如：浙江、Zhejiang</source>
        <translation>Type to filter, e.g. Zhejiang or 浙江</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>检查与导出</source>
        <translation>Review and export</translation>
    </message>
    <message>
        <source>双击或按回车转到需要修改的地方。错误必须改正后才能提交；警告建议处理。</source>
        <translation>Double-click or press Enter to go to the place to fix. Errors must be fixed before submitting; warnings should be looked at.</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>导出申报材料…</source>
        <translation>Export the application…</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>生成申报包…</source>
        <translation>Make submission package…</translation>
    </message>
    <message>
        <source>撤销这次导入</source>
        <translation>Undo this import</translation>
    </message>
    <message>
        <source>{e} 错误 / {w} 警告</source>
        <translation>{e} errors / {w} warnings</translation>
    </message>
    <message>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>尚未生成定稿版本（生成申报包时可选择“定稿”）。</source>
        <translation>No final version yet (choose “final” when making the submission package).</translation>
    </message>
    <message>
        <source>此后已修改 {n} 处，当前为新草稿。</source>
        <translation>{n} changes since; the dossier is now a new draft.</translation>
    </message>
    <message>
        <source>此后没有修改。</source>
        <translation>No changes since.</translation>
    </message>
    <message>
        <source>已报送的定稿版本：{name}（{when}）。{since}</source>
        <translation>Submitted final version: {name} ({when}). {since}</translation>
    </message>
    <message>
        <source>已导入 {n} 项修改；导入前的内容已自动保存为版本“{name}”。</source>
        <translation>Imported {n} changes; the content before the import was saved automatically as version &quot;{name}&quot;.</translation>
    </message>
    <message>
        <source>无法撤销导入</source>
        <translation>Cannot undo the import</translation>
    </message>
    <message>
        <source>已撤销导入，卷宗恢复到导入前的内容（撤销前的内容也已保存为版本，可在“版本”中找回）。</source>
        <translation>Import undone: the dossier is back to its content before the import (the content before the undo was saved as a version too; find it under Versions).</translation>
    </message>
    <message>
        <source>功能不可用</source>
        <translation>Not available</translation>
    </message>
    <message>
        <source>此版本中没有安装这个功能。</source>
        <translation>This function is not installed in this version.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>导入 {name}</source>
        <translation>import {name}</translation>
    </message>
    <message>
        <source>恢复版本“{name}”</source>
        <translation>restore version “{name}”</translation>
    </message>
</context>
<context>
    <name>SheetDelegate</name>
    <message>
        <source>Enter 换行，Ctrl+Enter 或 Tab 确认，Esc 取消</source>
        <translation>Enter starts a new line, Ctrl+Enter or Tab confirms, Esc cancels</translation>
    </message>
    <message>
        <source>—（未填）</source>
        <translation>— (empty)</translation>
    </message>
    <message>
        <source>如 2015-12</source>
        <translation>e.g. 2015-12</translation>
    </message>
</context>
<context>
    <name>SheetModel</name>
    <message>
        <source>修改 {cell}</source>
        <translation>Edit {cell}</translation>
    </message>
    <message>
        <source>{cell}：{problem}（未修改）</source>
        <translation>{cell}: {problem} (not changed)</translation>
    </message>
    <message>
        <source>（另有 {n} 处问题）</source>
        <translation> (and {n} more)</translation>
    </message>
    <message>
        <source>{cell}：{problem}{more}。未作任何修改。</source>
        <translation>{cell}: {problem}{more}. Nothing was changed.</translation>
    </message>
    <message>
        <source>粘贴 {n} 个单元格</source>
        <translation>Paste {n} cells</translation>
    </message>
    <message>
        <source>清除 {n} 个单元格</source>
        <translation>Clear {n} cells</translation>
    </message>
</context>
<context>
    <name>TakeBack</name>
    <message>
        <source>收回与合并</source>
        <translation>Take back and merge</translation>
    </message>
    <message>
        <source>选择各部门交回的工作包（.scpart 或 .xlsx），或扫描收件的文件夹。程序先列出每个工作包会采用、保留和冲突的内容，确认后才合并；合并前会自动保存一个版本，可一步恢复。</source>
        <translation>Choose the work packages the units returned (.scpart or .xlsx), or scan the folder they arrive in. The program first lists what each package would take, keep and leave in conflict, and merges only when you confirm; before merging it saves an automatic version that one step restores.</translation>
    </message>
    <message>
        <source>添加工作包…</source>
        <translation>Add packages…</translation>
    </message>
    <message>
        <source>扫描文件夹…</source>
        <translation>Scan folder…</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>交回的工作包</source>
        <translation>Returned work packages</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>采用</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>保留</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>处理冲突…</source>
        <translation>Resolve conflicts…</translation>
    </message>
    <message>
        <source>撤销这次合并</source>
        <translation>Undo this merge</translation>
    </message>
    <message>
        <source>选择交回的工作包</source>
        <translation>Choose returned work packages</translation>
    </message>
    <message>
        <source>部门工作包 (*.scpart *.xlsx);;所有文件 (*)</source>
        <translation>Work packages (*.scpart *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>选择收件文件夹</source>
        <translation>Choose the folder the packages arrived in</translation>
    </message>
    <message>
        <source>这个文件夹里没有工作包（.scpart 或 .xlsx）。</source>
        <translation>This folder holds no work package (.scpart or .xlsx).</translation>
    </message>
    <message>
        <source>正在读取工作包…</source>
        <translation>Reading work packages…</translation>
    </message>
    <message>
        <source>合并 {n} 个工作包将采用 {taken} 项部门的修改，保留 {kept} 项本卷宗的修改，{conflicts} 项冲突（冲突项保留本卷宗的值，另存部门的值，待您逐项决定）。尚未写入任何内容。</source>
        <translation>Merging these packages ({n}) would take the units&apos; changes: {taken}; keep this dossier&apos;s changes: {kept}; conflicts: {conflicts} (a conflict keeps this dossier&apos;s value and stores the unit&apos;s beside it until you decide). Nothing has been written yet.</translation>
    </message>
    <message>
        <source>没有可以合并的工作包。</source>
        <translation>No package can be merged.</translation>
    </message>
    <message>
        <source>可以合并</source>
        <translation>ready to merge</translation>
    </message>
    <message>
        <source>检查中…</source>
        <translation>checking…</translation>
    </message>
    <message>
        <source>没有新的修改（可能已合并过）</source>
        <translation>nothing new (perhaps merged before)</translation>
    </message>
    <message>
        <source>正在保存合并前的版本并合并…</source>
        <translation>Saving the version before the merge and merging…</translation>
    </message>
    <message>
        <source>正在合并…</source>
        <translation>Merging…</translation>
    </message>
    <message>
        <source>已合并：采用 {taken} 项，{conflicts} 项冲突待决定。</source>
        <translation>Merged. Taken: {taken}; conflicts to decide: {conflicts}.</translation>
    </message>
    <message>
        <source>合并前的状态已保存为自动版本，需要时可一步撤销。</source>
        <translation> The state before the merge is kept as an automatic version; one step undoes the merge if needed.</translation>
    </message>
    <message>
        <source>未能撤销合并</source>
        <translation>Merge not undone</translation>
    </message>
    <message>
        <source>已撤销这次合并：卷宗回到合并前的状态。</source>
        <translation>The merge is undone: the dossier is as it was before.</translation>
    </message>
</context>
<context>
    <name>UnitMode</name>
    <message>
        <source>本单位完成 %p%</source>
        <translation>Your unit: %p% filled</translation>
    </message>
    <message>
        <source>本单位的完成度</source>
        <translation>Your unit&apos;s progress</translation>
    </message>
    <message>
        <source>交回…</source>
        <translation>Hand back…</translation>
    </message>
    <message>
        <source>交回工作包</source>
        <translation>Hand back the work package</translation>
    </message>
    <message>
        <source>填写指南</source>
        <translation>Guide for units</translation>
    </message>
    <message>
        <source>{unit} 的工作包</source>
        <translation>Work package of {unit}</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>本单位负责 {n} 项指标、{p} 个项目（也可以新增本单位牵头的项目），请在 {due} 前交回。灰色的内容是整份申报书的其他部分，仅供参考，不能修改。</source>
        <translation>Your unit leads indicators: {n}, projects: {p} (you may also add projects your unit leads). Please hand it back by {due}. Grey content is the rest of the application, shown for reference; it cannot be changed here.</translation>
    </message>
    <message>
        <source>本单位负责：{title}</source>
        <translation>Your unit leads: {title}</translation>
    </message>
    <message>
        <source>仅供参考（不由本单位填写）：{title}</source>
        <translation>For reference (not filled in by your unit): {title}</translation>
    </message>
    <message>
        <source>“{what}”不能在这里修改：{why}。如需改动，请联系牵头办公室。</source>
        <translation>&quot;{what}&quot; cannot be changed here: {why}. To have it changed, contact the coordinating office.</translation>
    </message>
    <message>
        <source>不属于本单位负责的内容</source>
        <translation>it is not one of your unit&apos;s fields</translation>
    </message>
    <message>
        <source>未能交回</source>
        <translation>Not handed back</translation>
    </message>
    <message>
        <source>还有未完成的内容</source>
        <translation>Some parts are unfinished</translation>
    </message>
    <message>
        <source>本单位负责的内容还有 {n} 个问题（见“检查与导出”）。仍要交回吗？</source>
        <translation>Your unit&apos;s parts still have problems: {n} (see &quot;Check and export&quot;). Hand back anyway?</translation>
    </message>
    <message>
        <source>交回 {when}</source>
        <translation>Handed back {when}</translation>
    </message>
    <message>
        <source>{unit} 的工作包已保存并封存为交回版本。</source>
        <translation>The work package of {unit} is saved and sealed as the handed-back version.</translation>
    </message>
    <message>
        <source>请把这个文件发回牵头办公室（电子邮件附件、U 盘或共享文件夹均可）：</source>
        <translation>Please send this file back to the coordinating office (as an e-mail attachment, on a USB stick or through a shared folder):</translation>
    </message>
    <message>
        <source>截止日期：{due}。</source>
        <translation>Due date: {due}.</translation>
    </message>
    <message>
        <source>本单位的内容还有 {n} 个问题；之后补上的话，再交回一次即可，牵头办公室合并时只取新的改动。</source>
        <translation>Problems left in your unit&apos;s parts: {n}. If you complete them later, just hand back again; the office&apos;s merge takes only the new changes.</translation>
    </message>
    <message>
        <source>交回后仍可以继续修改这个文件；请不要改文件名。</source>
        <translation>You can keep working in this file after handing it back; please do not rename it.</translation>
    </message>
    <message>
        <source>复制文件位置</source>
        <translation>Copy file location</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
</context>
<context>
    <name>Versions</name>
    <message>
        <source>版本</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>版本是整个卷宗在某一时刻的快照。可以随时建立版本，与当前内容比较，或恢复到某个版本。每次恢复或导入之前，程序会把当时的内容自动保存为一个版本（标有“自动”，列在下面，选中后可恢复；只保留最近 {n} 个）。</source>
        <translation>A version is a snapshot of the whole dossier at one moment. Make one at any time, compare it with the current content, or restore it. Before every restore or import the program saves the content of that moment as a version (marked &quot;automatic&quot;, listed below, restorable when selected; the latest {n} are kept).</translation>
    </message>
    <message>
        <source>版本列表</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>建立时间</source>
        <translation>Made on</translation>
    </message>
    <message>
        <source>建立人</source>
        <translation>Made by</translation>
    </message>
    <message>
        <source>比较结果</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>该版本中</source>
        <translation>In the version</translation>
    </message>
    <message>
        <source>当前</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>撤销这次恢复</source>
        <translation>Undo this restore</translation>
    </message>
    <message>
        <source>建立版本…</source>
        <translation>Make a version…</translation>
    </message>
    <message>
        <source>与当前比较</source>
        <translation>Compare with now</translation>
    </message>
    <message>
        <source>恢复到此版本…</source>
        <translation>Restore this version…</translation>
    </message>
    <message>
        <source>（定稿）</source>
        <translation> (final)</translation>
    </message>
    <message>
        <source>（自动）</source>
        <translation> (automatic)</translation>
    </message>
    <message>
        <source>恢复或导入之前自动保存的内容</source>
        <translation>Content saved automatically before a restore or import</translation>
    </message>
    <message>
        <source>建立版本</source>
        <translation>Make a version</translation>
    </message>
    <message>
        <source>版本名称（例如“报送省厅前”）：</source>
        <translation>Version name (e.g. &quot;before sending to the province&quot;):</translation>
    </message>
    <message>
        <source>无法建立版本</source>
        <translation>Cannot make the version</translation>
    </message>
    <message>
        <source>与当前内容相比，有 {n} 个字段不同。</source>
        <comment>n=1</comment>
        <translation>{n} field differs from the current content.</translation>
    </message>
    <message>
        <source>与当前内容相比，有 {n} 个字段不同。</source>
        <translation>{n} fields differ from the current content.</translation>
    </message>
    <message>
        <source>无法比较</source>
        <translation>Cannot compare</translation>
    </message>
    <message>
        <source>恢复版本</source>
        <translation>Restore version</translation>
    </message>
    <message>
        <source>把卷宗恢复到版本“{name}”？当前内容会先自动保存为一个版本，恢复后可用“撤销这次恢复”一键取回。</source>
        <translation>Restore the dossier to version &quot;{name}&quot;? The current content is first saved automatically as a version; after the restore, &quot;Undo this restore&quot; brings it back in one click.</translation>
    </message>
    <message>
        <source>卷宗内容与该版本相同，没有需要恢复的修改。</source>
        <translation>The dossier already equals this version; there is nothing to restore.</translation>
    </message>
    <message>
        <source>已恢复。恢复前的内容已保存为版本“{name}”。</source>
        <translation>Restored. The content before the restore was saved as version &quot;{name}&quot;.</translation>
    </message>
    <message>
        <source>无法恢复</source>
        <translation>Cannot recover</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>智慧城市试点申报助手</source>
        <translation>Smart City Pilot Declaration Assistant</translation>
    </message>
    <message>
        <source>按住房城乡建设部《国家智慧城市试点暂行管理办法》和指标体系（试行），逐项准备申报材料：申报条件、57 项三级指标、建设项目与投资，最后检查并导出申报书和自评表。</source>
        <translation>Prepare the application step by step, following MOHURD&apos;s interim measures for the national smart city pilot and its indicator system: the conditions, the 57 level-3 indicators, projects and investment; then review and export the declaration and the self-assessment workbook.</translation>
    </message>
    <message>
        <source>新建申报卷宗…</source>
        <translation>New dossier…</translation>
    </message>
    <message>
        <source>打开卷宗…</source>
        <translation>Open dossier…</translation>
    </message>
    <message>
        <source>打开示例卷宗</source>
        <translation>Open the demo dossier</translation>
    </message>
    <message>
        <source>示例卷宗是一个虚构的区，会复制到“文档”文件夹，可随意修改。</source>
        <translation>The demo is a fictional district; a copy is placed in your Documents folder for you to change freely.</translation>
    </message>
    <message>
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>最近打开的卷宗</source>
        <translation>Recent dossiers</translation>
    </message>
    <message>
        <source>版本 {version} · 所有内容保存在本机的卷宗文件中，无需联网。</source>
        <translation>Version {version} · everything is kept in the dossier file on this computer; no network needed.</translation>
    </message>
    <message>
        <source>（还没有打开过卷宗）</source>
        <translation>(no dossiers opened yet)</translation>
    </message>
    <message>
        <source>界面语言将在下次启动程序时切换。</source>
        <translation>The interface language changes the next time the program starts.</translation>
    </message>
</context>
<context>
    <name>Wizard</name>
    <message>
        <source>申报卷宗</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>-智慧城市试点申报</source>
        <translation>-smart-city-pilot</translation>
    </message>
    <message>
        <source>申报主体</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>申报的是哪个城市、区或镇？以后可以在“申报单位与基本情况”页修改。</source>
        <translation>Which city, district or town applies? You can change this later on the &quot;Applicant and profile&quot; page.</translation>
    </message>
    <message>
        <source>例如：滨湖区</source>
        <translation>e.g. Binhu District</translation>
    </message>
    <message>
        <source>设市城市、区和镇使用同一套申报页面和指标。</source>
        <translation>Cities, districts and towns use the same pages and indicators.</translation>
    </message>
    <message>
        <source>所在省份与申报单位</source>
        <translation>Province and applicant</translation>
    </message>
    <message>
        <source>申报单位一般是城市（区、镇）人民政府。</source>
        <translation>The applicant is usually the people&apos;s government of the city (district, town).</translation>
    </message>
    <message>
        <source>例如：滨湖区人民政府</source>
        <translation>e.g. Binhu District People&apos;s Government</translation>
    </message>
    <message>
        <source>请选择所在省（自治区、直辖市）。</source>
        <translation>Please choose the province (autonomous region, municipality).</translation>
    </message>
    <message>
        <source>“{text}”不是省级行政区的名称：请从列表中选择。</source>
        <translation>“{text}” is not the name of a provincial-level division: please choose one from the list.</translation>
    </message>
    <message>
        <source>{name}人民政府</source>
        <translation>{name} People&apos;s Government</translation>
    </message>
    <message>
        <source>指标体系与申报批次</source>
        <translation>Indicator system and round</translation>
    </message>
    <message>
        <source>选择申报所依据的指标体系和申报批次（年度）。</source>
        <translation>Choose the indicator system and the declaration round (year).</translation>
    </message>
    <message>
        <source>指标体系</source>
        <translation>Indicator system</translation>
    </message>
    <message>
        <source>指标体系：</source>
        <translation>Indicator system:</translation>
    </message>
    <message>
        <source>{issuer}。{l1} 个一级指标、{n} 个三级指标、{c} 项申报条件。</source>
        <translation>{issuer}. {l1} level-1 areas, {n} level-3 indicators, {c} conditions.</translation>
    </message>
    <message>
        <source>（发文单位和文号：{note}）</source>
        <translation> (issuer and document number: {note})</translation>
    </message>
    <message>
        <source>{round}：需报送{materials}。</source>
        <translation>{round}: submit the {materials}.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>保存位置</source>
        <translation>Where to save</translation>
    </message>
    <message>
        <source>卷宗是一个文件，所有内容（包括附件）都保存在里面。修改会自动保存。</source>
        <translation>A dossier is one file holding everything, attachments included. Changes are saved automatically.</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>卷宗文件</source>
        <translation>Dossier file</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>卷宗文件：</source>
        <translation>Dossier file:</translation>
    </message>
    <message>
        <source>卷宗保存为</source>
        <translation>Save the dossier as</translation>
    </message>
    <message>
        <source>申报卷宗 (*{ext})</source>
        <translation>Dossiers (*{ext})</translation>
    </message>
    <message>
        <source>新建申报卷宗</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请填写卷宗文件的保存位置。</source>
        <translation>Please choose where to save the dossier file.</translation>
    </message>
</context>
</TS>
