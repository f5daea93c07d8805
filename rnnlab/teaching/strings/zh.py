"""Every string of the lab in simplified Chinese, one table: key -> text (the keys of en.py).

Full-width punctuation (，。：；（）), 往前回溯 for "back", bold rather than italics on hanzi;
tests/test_i18n.py holds these. Placeholders as in en.py.
"""

STRINGS: dict[str, str] = {
    # ==== the lecture's words: options, errors, verdicts, definitions ====
    # ---- option labels: language-neutral codes -> display names (see option_label) ----
    "option.act.sigmoid": "sigmoid σ",
    "option.act.tanh": "tanh",
    "option.act.relu": "ReLU",
    "option.act.linear": "线性（恒等映射）",
    "option.init.gaussian": "高斯随机（再缩放）",
    "option.init.orthogonal": "正交矩阵",
    "option.init.identity": "单位矩阵（IRNN）",
    "option.opt.sgd": "SGD（随机梯度下降）",
    "option.opt.adagrad": "Adagrad",
    "option.opt.adam": "Adam",
    "option.clip.none": "不裁剪",
    "option.clip.value": "逐元素裁剪到 ±c",
    "option.clip.norm": "按全局范数裁剪",
    "option.corpus.english": "英文文本",
    "option.corpus.chinese": "中文文本",
    "option.corpus.longrange": "合成长程依赖语料",
    "option.corpus.upload": "上传自己的文本",
    "option.lang.en": "English",
    "option.lang.zh": "中文",

    # ---- corpus errors ----
    "err.empty": "文件是空的，没有可学习的文本。请上传一个含有文字的 .txt 文件。",
    "err.binary": "这个文件看起来是二进制文件（{kind}），而不是纯文本。请上传 UTF-8 编码的 .txt 文件。",
    "err.not_utf8": "文件不是有效的 UTF-8 文本。请以 UTF-8 编码另存后再试。",
    "err.too_short": "语料只有 {chars} 个字符，训练至少需要 {needed} 个。",
    "err.too_large": "文件有 {size:,} 字节，超过了 {limit_mb:g} MB 的上限（{limit:,} 字节）。",
    "err.unknown_corpus": "未知的语料。请选择一个内置语料，或上传一个文本文件。",

    # ---- training ----
    "diverged": (
        "训练在第 {step} 步发散：损失、某个梯度或隐藏状态变成了 NaN 或无穷大。"
        "曲线在这里中断，后面的分析使用最后一组有限的参数。请对照前向状态 ‖h_T‖₂ 和梯度范数："
        "如果状态一个窗口接一个窗口地增长，爆炸的是激活值（ReLU 或线性激活，且状态跨窗口延续）；"
        "如果梯度范数骤增而状态保持有界，爆炸的才是梯度。可以调低学习率、打开梯度裁剪、减小 "
        "‖W_hh‖₂，或者让每个窗口都从 h₀ = 0 开始。"
    ),

    # ---- configuration and link validation ----
    "cfg.out_of_range": "{name} 应在 {lo} 到 {hi} 之间，当前值为 {value}。",
    "cfg.not_a_number": "{name} 必须是数字，收到的却是“{value}”。",
    "cfg.unknown_choice": "{name} 只能取 {choices} 之一，收到的却是“{value}”。",
    "cfg.off_grid": "{name} 只能取 {choices} 之一，当前值为 {value}。",

    # ---- a link's values the page could not use as written (rnnlab.config.decode) ----
    "link.intro": "这个链接里有些设置无法按原样使用：",
    "link.what": "“{label}”（{name}=“{value}”）",
    "link.used_auto": "默认的选择（最后一个）",
    "link.used_empty": "空白输入框",
    "value.too_long": "{what} 长 {length} 个字符，超过了最多 {max} 个字符；页面使用 {used}。",
    "value.empty": "{what} 是空的；页面使用 {used}。",
    "value.unknown_choice": "{what} 不是 {choices} 之一；页面使用 {used}。",
    "value.not_a_flag": "{what} 既不是 true 也不是 false；页面使用 {used}。",
    "value.not_a_number": "{what} 不是用数字 0–9 写成的数；页面使用 {used}。",
    "value.not_whole": "{what} 不是整数；页面使用 {used}。",
    "value.out_of_range": "{what} 不在 {lo} 到 {hi} 之间；页面使用 {used}。",
    "value.off_grid": "{what} 不是滑块上的刻度（{choices}）之一；页面使用 {used}。",
    "value.repeated": "{what} 出现了 {count} 次；页面读取最后一个，使用 {used}。",

    # ---- regime verdicts ----
    "verdict.vanishing_guaranteed": (
        "β_W β_h = {prod:.3g} < 1：上界迫使 ‖∂h_t/∂h_k‖ 至少按 "
        "{prod:.3g}^(t−k) 的速度衰减——梯度消失是必然的。"
    ),
    "verdict.bound_silent": "β_W β_h = {prod:.3g} ≥ 1：上界允许增长，但什么也证明不了；梯度究竟是消失还是爆炸，要看实测曲线。",
    "verdict.sigmoid_note": (
        "对 sigmoid 来说 β_h = 1/4（σ′ 在 z = 0 处取到最大值 1/4），"
        "所以只要 ‖W_hh‖₂ < 4，梯度消失就已成定局。"
    ),

    # ---- lesson presets ----
    "preset.lecture.name": "讲义中的 RNN（sigmoid）",
    "preset.lecture.desc": (
        "讲义里的网络：sigmoid 激活，初始时 ‖W_hh‖₂ = 1。由于 σ′ ≤ 1/4，"
        "训练前 β_W β_h = 1/4 < 1，梯度消失是必然的。训练会把 ‖W_hh‖₂ 推到 "
        "4 以上：此后上界什么也保证不了，但在第③页的五个检查点上，实测的 ‖∂h_t/∂h_k‖₂ "
        "都仍随距离衰减，有效视野始终在十个字符左右以内。"
    ),
    "preset.edge.name": "临界状态（tanh + 正交初始化）",
    "preset.edge.desc": (
        "W_hh 以正交矩阵初始化的 tanh RNN：所有奇异值都等于 1，因此 β_W β_h = "
        "1，上界不再强制梯度消失。由于 z 不为 0 时 tanh′ < 1，实测的乘积仍会缩小，"
        "只是很慢：训练前每步只缩小百分之几，所以在整段分析文本上，∂J_t/∂W_hh "
        "的各项都保持在最近那些项的 10⁻³ 以上（有效视野超出了文本），"
        "而讲义预设的有效视野只有几个字符。训练会让 ‖W_hh‖₂ 明显偏离 1，"
        "有效视野也缩短到二十来个字符以内。"
    ),
    "preset.exploding.name": "梯度爆炸（tanh，‖W_hh‖₂ = 4）",
    "preset.exploding.desc": (
        "‖W_hh‖₂ = 4 的 tanh RNN，用普通 SGD（学习率 1.25）训练，"
        "不做梯度裁剪。tanh 把每个单元限制在 (−1, 1) 之内，所以前向状态不可能爆炸："
        "‖h_T‖₂ 始终小于 √H（见它的图）。但在这组权重下，反向传播的乘积 ∂h_t/∂h_k "
        "随距离增长（第③页，训练前），梯度范数骤增到第一步的一百倍以上。过大的步长把权重甩得很远："
        "损失最终高于随机水平，比瞎猜还差。“梯度爆炸 + 裁剪”预设就是加上裁剪的同一次训练。"
    ),
    "preset.clipped.name": "梯度爆炸 + 裁剪",
    "preset.clipped.desc": (
        "与“梯度爆炸（tanh，‖W_hh‖₂ = 4）”预设的种子和设置完全相同，只差一点："
        "按全局范数做梯度裁剪，阈值 c = 1（Pascanu、Mikolov 与 Bengio，"
        "2013）。一旦 ‖∂J/∂θ‖₂ 超过 c，就把整个梯度等比例缩放到范数为 c：方向不变，"
        "只限制步长。这里大约一半的步被裁剪；损失从未超过起始值，训练结束时明显低于随机水平，"
        "而不裁剪的那次训练最终高于随机水平。裁剪不改变雅可比矩阵本身：训练前两次训练的 "
        "∂h_t/∂h_k 完全相同，都随距离增长。"
    ),
    "preset.state_blowup.name": "激活值爆炸（ReLU，状态跨窗口延续）",
    "preset.state_blowup.desc": (
        "作为对照，训练崩溃的另一种方式。‖W_hh‖₂ = 3 的 ReLU RNN "
        "把隐藏状态从一个窗口延续到下一个窗口，而 ReLU 不限制它的大小：短短几个窗口里 "
        "‖h_T‖₂ 就增长了好几个数量级，直到前向计算溢出，训练随之发散。先爆炸的是状态："
        "即使把权重固定在初始值不动，它也照样爆炸。梯度随之一起爆炸，这是结果而不是原因（对 ReLU "
        "而言，前向传递状态的乘积也正是反向传递梯度的乘积）。让每个窗口都从 h₀ = 0 开始，"
        "同样的设置就能训练下去而不发散。"
    ),
    "preset.irnn.name": "IRNN（单位矩阵初始化的 ReLU）",
    "preset.irnn.desc": (
        "Le、Jaitly 与 Hinton（2015）提出的做法：W_hh 初始化为单位矩阵的 "
        "ReLU RNN。一开始，每个激活的单元只是把自己的值原样往后传，因此每一步的雅可比矩阵都是由 "
        "0 和 1 组成的对角掩码；只要沿途始终有单元保持激活，‖∂h_t/∂h_k‖₂ 就恰好等于 "
        "1：训练前，乘积既不缩小也不增大。训练使 W_hh 偏离单位矩阵，有效视野变为有限的几十个字符。"
        "记得久不等于学会了任务：在长程依赖任务上（d = 20，窗口和步数与该预设相同），"
        "这组设置答对的键并不比正交初始化的 tanh 多，两者都接近随机水平。"
    ),
    "preset.longrange.name": "长程依赖测试",
    "preset.longrange.desc": (
        "一份合成文本：每个提示符之后的字符，重复的是 d = 20 个字符之前出现的那个键，"
        "中间填充随机字符。用 50 个字符的 BPTT 窗口训练 600 步，"
        "模型答对这些键的比例只比随机水平（1/8）略高；打开距离扫描可以看到，短距离（d = 2）"
        "几乎能完全学会。d = 20 并非永远学不会：换成 100 个字符的窗口、训练 300 "
        "步（计算量相同），d = 20 处答对的比例就远高于随机水平（在这个种子上超过一半）。"
    ),

    # ---- definitions shown under the charts ----
    "def.loss": (
        "损失 J：每个字符的平均交叉熵，即 −ln ŷ_t[y_t] 在所有时间步上的平均，"
        "单位为奈特（nat）。均匀乱猜得到 ln|V|（随机水平），|V| 为词表大小。"
    ),
    "def.grad_norm": (
        "梯度范数 ‖∂J/∂θ‖₂：全部参数 θ = (W_hx, W_hh, b_h, W_S, "
        "b_y) 上梯度的全局范数，即所有分量平方和的平方根，在裁剪之前测量。"
    ),
    "def.w_norm": (
        "‖W_hh‖₂：W_hh 的谱范数，即它最大的奇异值（也就是上界中的 β_W，链接参数 rho "
        "设定的是它的初始值）。r(W_hh)：谱半径，即特征值绝对值的最大者。总有 r(W_hh) ≤ "
        "‖W_hh‖₂，例如 W_hh 为对称矩阵或正交矩阵时两者相等。"
        "两者描述的都是某一步开始时的权重（第 1 步即初始化的权重），最多在 {measurements} "
        "个均匀分布的步上测量。"
    ),
    "def.grad_h": "‖∂J_t/∂h_k‖₂：第 t 步的损失对更早的第 k 步（k ≤ t）隐藏状态的梯度的范数。",
    "def.grad_x": (
        "‖∂J_t/∂x_k‖₂：第 t 步的损失对第 k 步独热（one-hot）输入 x_k "
        "的梯度的范数，衡量第 k 步读入的字符对第 t 步的预测还有多大影响。"
    ),
    "def.grad_W": (
        "‖(∂J_t/∂z_k) h_{{k−1}}ᵀ‖_F：链式法则中 ∂J_t/∂W_hh 的第 k "
        "项的 Frobenius 范数——为了第 t 步的预测，第 k 步对 W_hh "
        "的更新贡献了多少。"
    ),
    "def.measured": (
        "实测 ‖∂h_t/∂h_k‖₂：在实际序列上，把 j = k+1, …, t 的单步雅可比矩阵 "
        "diag(f′(z_j)) W_hh 连乘起来，取乘积的最大奇异值。"
    ),
    "def.stepwise_bound": (
        "逐步上界：对 j = k+1, …, t 逐步连乘 ‖W_hh‖₂ max_i "
        "|f′(z_{{j,i}})|，每一步都用实际达到的最大斜率。实测曲线永远不会超过它。"
    ),
    "def.bound": (
        "上界 (β_W β_h)^(t−k)，其中 β_W = ‖W_hh‖₂，β_h = sup "
        "|f′|（sigmoid 为 1/4，tanh、ReLU 和线性均为 1）："
        "对所有输入而言的最坏情况。"
    ),
    "def.horizon": (
        "有效视野：∂J_t/∂W_hh 中第 k 项的大小 ‖(∂J_t/∂z_k) "
        "h_{{k−1}}ᵀ‖_F 的中位数，首次降到距离 0 处中位数的 10⁻³ 以下时的距离 t−k。"
        "不计入的有：第 1 步的各项（h_0 = 0，它们恒为 0），以及 (t, k) 对少于 {min_pairs} "
        "个的距离。若中位数拟合出的速率 ≥ 0，说明没有衰减，也就没有有效视野；"
        "若在衰减却始终降不到这个程度，有效视野就超出了所分析的文本。"
    ),
    "def.share_beyond": (
        "d 之外的占比：在 ∂J/∂W_hh 所有项的大小之和 Σ‖(∂J_t/∂z_k) "
        "h_{{k−1}}ᵀ‖_F 中，来自距离 t−k > d 的部分（各项之间可能部分抵消，所以它不是 "
        "‖∂J/∂W_hh‖ 本身的比例）。"
    ),

    # ==== the page ====
    # ---- page ----
    "ui.title": "rnnlab · 梯度消失与梯度爆炸",
    "ui.subtitle": "纯 numpy 实现的字符级 RNN，用精确的随时间反向传播（BPTT）现场训练。看看它的梯度能回溯多远。",
    "tab.training": "① 训练",
    "tab.distant": "② 远处的词",
    "tab.jacobian": "③ 雅可比范数",
    "tab.theory": "④ 理论",
    "ui.data": "文本",
    "ui.model": "模型",
    "ui.training": "训练",
    "ui.queued": "正在排队等待空闲的训练位置（服务器同时最多训练 {slots} 个任务）……",
    "ui.training_now": "训练中……曲线实时更新。",
    "ui.progress": "第 {step} 步，共 {steps} 步",
    "ui.trained": "已训练 {steps} 步。平滑后的损失为每字符 {loss} 奈特（随机水平 ln|V| = {chance}）。",
    "ui.one_char": (
        "这段文本只有一个不同的字符，所以每个下一个字符都是确定的：损失从第一步起就是 0，"
        "每个梯度都恰好为 0，训练什么也不会改变。"
        "“远处的词”标签页没有梯度可测（有效视野和占比都无定义）；③ 中的雅可比范数与损失无关，"
        "照常测量。"
    ),
    "ui.run_failed": "训练无法进行：{error}",
    "ui.upload_first": "请在侧边栏选择一个 .txt 文件（UTF-8 编码，最大 {upload_mb} MB）上传。上传之前先用英文文本。",
    "ui.using_english": "现改用英文文本。",
    "ui.sample": "模型写出的文字",
    "ui.sample_failed": "无法生成样本：模型的隐藏状态溢出了（权重已经爆炸）。",
    "ui.download_history": "下载训练记录（CSV）",
    "ui.download_params": "下载训练后的参数（.npz）",
    "ui.download_csv": "下载此图的数据（CSV）",
    "ui.see_chart": "在实验中对应：{chart}。",
    "chartid.training.loss": "① 训练 → 每步损失",
    "chartid.training.grad_norm": "① 训练 → 每步梯度范数",
    "chartid.training.w_norm": "① 训练 → 每步的 ‖W_hh‖₂",
    "chartid.distant.by_distance": "② 远处的词 → 贡献随距离的变化",
    "chartid.jacobian.by_distance": "③ 雅可比范数 → 实测值与上界对比",
    "cfg.too_much_work": (
        "这组设置对共享的课堂服务器来说计算量太大：训练预计约需 {seconds} 秒计算时间，"
        "上限为 {limit} 秒。请减小隐藏层大小、序列长度、批大小或训练步数。"
        "下面显示的是默认设置的结果。"
    ),
    "cfg.too_much_page_work": (
        "这组设置对共享的课堂服务器来说计算量太大：训练和页面上的分析预计约需 {seconds} 秒"
        "计算时间（其中分析 {analyses} 秒），上限为 {limit} 秒。请减小隐藏层大小、序列长度、"
        "批大小或训练步数。下面显示的是默认设置的结果。"
    ),

    # ---- controls ----
    "ctl.lang": "语言",
    "ctl.lang.help": "页面的语言；链接会记住它（lang=zh）。",
    "ctl.preset": "课程预设",
    "ctl.preset.help": "每个预设会一次性设置所有控件，用来展示讲义中的一个要点。之后仍可随意修改任何控件。",
    "ctl.corpus": "训练文本",
    "ctl.corpus.help": "内置的英文或中文短文、一个依赖距离固定的合成任务，或者你自己的 .txt 文件。",
    "ctl.dist": "依赖距离 d",
    "ctl.dist.help": "在合成文本中，某个字符必须重复恰好 d 个字符之前出现的那个键。",
    "ctl.upload": "你的文本（.txt，UTF-8 编码，最大 {upload_mb} MB）",
    "ctl.upload.help": "纯 UTF-8 文本。保留出现最频繁的 {known} 个字符，其余字符统一记为一个未知符号（共 {max_vocab} 个符号）。",
    "ctl.act": "激活函数 f",
    "ctl.act.help": "h_t = f(z_t)。它的最大斜率就是 β_h：sigmoid 为 1/4，其余均为 1。",
    "ctl.hidden": "隐藏层大小 H",
    "ctl.hidden.help": "隐藏单元的个数：h_t 有 H 个分量。",
    "ctl.init": "W_hh 的初始化",
    "ctl.init.help": "高斯随机、随机正交矩阵或单位矩阵（IRNN）；随后缩放到下方设定的 ‖W_hh‖₂。",
    "ctl.rho": "初始化时的 ‖W_hh‖₂（β_W）",
    "ctl.rho.help": "训练前 W_hh 的最大奇异值：在梯度消失与梯度爆炸之间切换的主旋钮。",
    "ctl.seq": "序列长度 T（BPTT 窗口）",
    "ctl.seq.help": "每个截断 BPTT 窗口中的字符数；梯度不会回溯到比这更远的地方。",
    "ctl.batch": "批大小 B（并行数据流）",
    "ctl.batch.help": "文本被切成 B 条数据流并行读取。",
    "ctl.opt": "优化器",
    "ctl.opt.help": "如何把梯度变成参数更新。",
    "ctl.lr": "学习率",
    "ctl.lr.help": "优化器的步长。",
    "ctl.clip": "梯度裁剪",
    "ctl.clip.help": "不裁剪；把每个分量裁到 ±c（如 min-char-rnn）；或当梯度范数超过 c 时整体缩放到 c（Pascanu 等，2013）。",
    "ctl.clip_at": "裁剪阈值 c",
    "ctl.clip_at.help": "裁剪规则中的 c。",
    "ctl.steps": "训练步数",
    "ctl.steps.help": "参数更新的次数。",
    "ctl.seed": "随机种子",
    "ctl.seed.help": "固定初始权重：同一个链接总是得到同样的曲线。",
    "ctl.reset": "每个窗口都从 h₀ = 0 开始",
    "ctl.reset.help": "关闭：隐藏状态从一个窗口延续到下一个窗口，与 min-char-rnn 相同（梯度仍在窗口开头截断）。打开：每个窗口都从零开始。",
    "ctl.temperature": "采样温度",
    "ctl.temperature.help": "小于 1 时模型倾向选择高概率字符；大于 1 时更敢于冒险。",

    # ---- charts ----
    "chart.series": "曲线",
    "chart.median": "对 t 的中位数",
    "chart.loss_title": "每个训练步的损失 J",
    "chart.loss_raw": "J（本步）",
    "chart.loss_smooth": "J（平滑）",
    "chart.chance": "随机水平 ln|V| = {v:.2f}",
    "chart.chance_title": "随机水平",
    "chart.grad_title": "裁剪前的梯度范数 ‖∂J/∂θ‖₂（对数坐标）",
    "chart.clipped": "是否裁剪",
    "chart.clipped_yes": "被裁剪的步",
    "chart.clipped_no": "未裁剪",
    "chart.clip_rule": "阈值 c = {c:g}",
    "chart.clip_title": "裁剪",
    "chart.w_title": "训练过程中的 ‖W_hh‖₂ 与谱半径 r(W_hh)",
    "chart.w_norm": "‖W_hh‖₂ = β_W",
    "chart.rho": "谱半径 r(W_hh)",
    "axis.step": "训练步",
    "axis.loss": "J（每字符奈特）",
    "axis.loss_log": "J（每字符奈特，对数坐标）",
    "axis.grad_norm": "‖∂J/∂θ‖₂",
    "axis.w_norm": "数值",
    "axis.distance": "距离 t − k（往前回溯的步数）",
    "axis.t": "t（预测所在步）",
    "axis.k": "k（更早的步）",

    # ---- distant words ----
    "ctl.text": "要分析的文本（留空则使用训练文本中的一段）",
    "ctl.text.help": "最多 {text_max} 个字符。模型从 h_0 = 0 开始读入它，并预测每一个下一个字符；模型从未见过的字符会被略去。",
    "ui.text_too_short": "这段文本太短，无法分析；下面改用默认段落。",
    "ui.dropped_chars": "已略去（不在模型词表中）：{chars}",
    "ui.analysis_failed": "对这组权重无法完成该分析（{error}）。请试试训练前的检查点，或换用不会爆炸的设置。",
    "ui.distant_intro": (
        "由链式法则，第 t 步损失 J_t 的梯度是每个更早的步 k 各贡献一项之和。"
        "每条曲线显示这些项的大小如何随 k 往前回溯的距离变化（对 t 取中位数，阴影为第 10 到第 "
        "90 百分位）。在对数坐标上直线下降，就是按几何级数衰减：梯度消失。"
    ),
    "q.grad_h": "‖∂J_t/∂h_k‖₂",
    "q.grad_x": "‖∂J_t/∂x_k‖₂（输入字符）",
    "q.grad_W": "‖(∂J_t/∂z_k) h_{{k−1}}ᵀ‖_F（∂J_t/∂W_hh 中的一项）",
    "ui.horizon": "有效视野",
    "ui.steps_back": "往前 {n} 个字符",
    "ui.beyond_text": "超出所分析的文本（{n} 个字符）",
    "ui.no_decay": "不衰减（每步速率 {rate:+.3f}）",
    "ui.undefined": "无定义",
    "ui.horizon_undefined": "有效视野无定义：在距离 0 处，{n} 项中有 {zero} 项恰好为 0，所以它们的中位数（每个远处的项都要与之比较的大小）为 0。",
    "ui.silent_certain": (
        "其中 {n} 项是因为模型对下一个字符有十足把握：它的 softmax 在 float64 "
        "精度下给出概率 1，所以 J_t = 0，没有梯度往回传。"
    ),
    "ui.silent_slopes": (
        "其中 {n} 项虽然 J_t > 0：在第 t 步，要么凡是 ∂J_t/∂h_t 不为 0 "
        "的单元，斜率 f′(z_t) 都为 0（例如所有 ReLU 单元都处于关闭状态），"
        "要么前一个状态 h_{{t−1}} 为 0。"
    ),
    "ui.share_undefined": "这段文本上 ∂J/∂W_hh 的每一项都恰好为 0，所以来自 d 之外的占比也无定义：没有可以取占比的总量。",
    "ui.rate_undefined_zero": (
        "实测速率无定义：在 {n} 个距离中，有 {zero} 个距离上 ‖∂h_t/∂h_k‖₂ "
        "的中位数恰好为 0，而要对它的对数拟合一条直线，至少需要两个不为 0 的距离。"
    ),
    "ui.rate_undefined_short": "实测速率无定义：用中位数拟合直线至少需要两个距离，而这段文本只给出 {n} 个。",
    "ui.few_pairs": (
        "距离超过 {d} 以后，每个距离上剩下的 (t, k) 对不足 {n} 个，"
        "它们的中位数只由寥寥几项决定（图中的点线）；有效视野不考虑这些距离。∂J_t/∂W_hh 中第 "
        "1 步那一项 (∂J_t/∂z_1) h_0ᵀ 因为 h_0 = 0 而恒为 0，"
        "计算有效视野时同样不计入。"
    ),
    "ui.share_beyond": "∂J/∂W_hh 各项中来自 d = {d} 之外的占比",
    "chart.distant_title": "第 k 步对 J_t 梯度的贡献，随距离 t − k 的变化",
    "axis.contribution": "第 k 步那一项的大小（对数坐标）",
    "ui.shading": "哪些更早的字符和词影响了某一次预测",
    "ctl.pos": "第 t 步的预测",
    "ctl.pos.help": "J_t 衡量的是对第 t 个字符之后那个字符的预测。",
    "ctl.by_word": "按词",
    "ctl.by_word.help": "按词着色时取词内各字符之和（每个汉字单独算一个词）；否则每个字符单独着色。",
    "ui.shading_caption": (
        "读完第 {t} 个字符（{char}）后，模型预测下一个字符 {next}。颜色表示 "
        "log10 ‖∂J_t/∂x_k‖₂，即第 k "
        "个字符能在多大程度上改变这次预测的损失（按词时为词内各字符之和）；越亮越大。"
    ),
    "chart.shading_title": "对第 t = {t} 步预测的贡献",
    "chart.char": "字符",
    "ui.top_words": "贡献最大的：{words}",
    "ui.slopes_vs_directions": (
        "在距离 {d} 处，逐步上界与讲义上界只差 {slopes:.2g} 倍，所以两条线重合："
        "每一步总有某个单元处在 f′ 最大的位置，用实际斜率几乎收紧不了多少。到实测范数还差的 "
        "{dirs:.0f} 个数量级分成两部分，都是实测的：{steps} "
        "个数量级损失在单步之内（‖diag(f′(z_j)) W_hh‖₂ 与 ‖W_hh‖₂ "
        "max|f′(z_j)| 之比，对各步累计），{products} 个损失在连乘之中（‖∏ "
        "J_j‖₂ 与 ∏ ‖J_j‖₂ 之比，即 ‖AB‖ ≤ ‖A‖‖B‖ 的松弛）。"
    ),
    "ui.form_verdict_grows": (
        "在这次训练上，讲义的公式改变了结论：它的乘积随距离增长（每步速率 {lecture:+.3f}）"
        "，而真正的 ∂h_t/∂h_k 在衰减（{correct:+.3f}）。把 f′ 放在 "
        "h_{{j−1}} 而不是 z_j 处取值，在这里绝非细枝末节。"
    ),
    "ui.form_verdict_decays": (
        "在这次训练上，讲义的公式改变了结论：它的乘积随距离衰减（每步速率 {lecture:+.3f}）"
        "，而真正的 ∂h_t/∂h_k 在增长（{correct:+.3f}）。"
    ),
    "ui.beyond_float64": "其中一些数值超过了 1.8e308，即 float64 能表示的最大数：曲线在那里中断。下载的 CSV 以 log10_ 列精确保留了它们。",
    "ui.no_gradient_at_t": (
        "对这个预测的所有贡献都恰好为 0：模型的 softmax 在 float64 "
        "精度下给正确的下一个字符的概率为 1，所以 J_t = 0，没有梯度往回传。"
    ),
    "ui.no_gradient_slopes_at_t": (
        "对这个预测的所有贡献都恰好为 0，尽管 J_t > 0：∂J_t/∂h_t 不为 0，但在第 "
        "t 步，它所到达的每个单元的斜率 f′(z_t) 都为 0（例如所有 ReLU "
        "单元都处于关闭状态），所以没有梯度传回任何更早的字符。"
    ),
    "ui.no_gradient_other_t": "换一个时间步 t 再看。",
    "ui.no_gradient_anywhere": "这段文本的每一个时间步 t 都是如此。",
    "ui.heatmap": "所有 (t, k) 对",
    "chart.heat_title": "每一对 k ≤ t 的 ‖∂J_t/∂h_k‖₂（颜色为 log10）",
    "chart.share_title": "∂J/∂W_hh 各项中来自距离 d 之外的占比",
    "axis.beyond_d": "d（往前回溯的字符数）",
    "axis.share": "d 之外的占比",

    # ---- jacobian norms ----
    "ui.jacobian_intro": (
        "把梯度从第 t 步带回第 k 步的因子是雅可比连乘积 ∂h_t/∂h_k。"
        "下图把它的实测谱范数与两个上界比较：讲义中的 (β_W β_h)^(t−k)，"
        "以及使用这段文本上实际斜率的更紧的逐步上界。"
    ),
    "ctl.checkpoint": "权重",
    "ctl.checkpoint.help": "分析训练前、训练中或训练后的权重。",
    "ui.before_training": "训练前",
    "ui.not_a_checkpoint": "这次训练没有保存第 {step} 步之后的权重（保存的检查点：{steps}）；滑块显示最后一个。",
    "ui.after_training": "训练后（第 {n} 步）",
    "ui.at_step": "第 {n} 步",
    "ctl.lecture_form": "使用讲义中的公式",
    "ctl.lecture_form.help": (
        "按讲义的写法连乘 W_hhᵀ diag(f′(h_{{j−1}}))，而不是正确的 "
        "diag(f′(z_j)) W_hh。两者在哪里不同，请看下方的单步图。"
    ),
    "ui.rates": "实测的每步速率",
    "ui.rates.help": (
        "ln ‖∂h_t/∂h_k‖₂ 对 t − k 的斜率（由中位数拟合）。上界的速率为 "
        "ln(β_W β_h) = {bound}：每往前回溯一步，每一对的范数最多乘以 β_W "
        "β_h。"
    ),
    "q.measured": "实测 ‖∂h_t/∂h_k‖₂",
    "q.measured_lecture": "实测（讲义公式 W_hhᵀ diag(f′(h_{{j−1}}))）",
    "q.word_x": "词内各字符 ‖∂J_t/∂x_k‖₂ 之和",
    "q.stepwise_bound_lecture": "逐步上界（讲义写法）∏ ‖W_hh‖₂ max|f′(h_{{j−1}})|",
    "def.measured_lecture": (
        "实测（讲义公式）：对 j = k+1, …, t 连乘 W_hhᵀ "
        "diag(f′(h_{{j−1}})) 所得矩阵的最大奇异值；斜率取在上一步的状态处，而不是预激活 "
        "z_j 处，这正是讲义的写法。"
    ),
    "def.stepwise_bound_lecture": (
        "逐步上界（讲义写法）：在相同各步上连乘 ‖W_hh‖₂ max_i "
        "|f′(h_{{j−1,i}})|；它是讲义那个乘积的上界，而不是真正雅可比矩阵的上界。"
    ),
    "q.stepwise_bound": "逐步上界 ∏ ‖W_hh‖₂ max|f′(z_j)|",
    "q.bound": "讲义上界 (β_W β_h)^(t−k)",
    "chart.jacobian_title": "‖∂h_t/∂h_k‖₂ 的实测值与上界，随距离 t − k 的变化",
    "ui.pairs_sampled": "为了在这个隐藏层大小下保持速度，只计算了起点 k 均匀分布的 {n} 对 (t, k)，每一对都是精确值。",
    "chart.jheat_title": "每一对 k < t 的实测 ‖∂h_t/∂h_k‖₂（颜色为 log10）",
    "ui.one_step": "单步：正确的雅可比矩阵与讲义中的写法",
    "ui.one_step_intro": (
        "每一步的雅可比矩阵是 diag(f′(z_j)) W_hh。它的转置 W_hhᵀ "
        "diag(f′(z_j)) 正是反向传播中相乘的矩阵，范数完全相同。讲义把 f′ 放在 "
        "h_{{j−1}} 处而不是 z_j 处求值，这会改变数值（线性激活除外，因为那时处处 f′ = "
        "1）。"
    ),
    "form.correct": "‖diag(f′(z_j)) W_hh‖₂（正确）",
    "form.transpose": "‖W_hhᵀ diag(f′(z_j))‖₂（转置：范数相同）",
    "form.lecture": "‖W_hhᵀ diag(f′(h_{{j−1}}))‖₂（讲义）",
    "axis.j": "第 j 步",
    "axis.one_step": "单步雅可比矩阵的范数",
    "chart.one_step_title": "每一步雅可比矩阵的范数：三种写法",
    "err.window_too_long": (
        "这段文本只有 {chars} 个字符，少于链接中一个训练窗口所需的 {needed} "
        "个（批大小 × 序列长度 + 1）。已改用默认的批大小和序列长度。"
    ),
    "ui.server": "服务器：已启动 {started} 次训练，{running} 次正在运行，缓存 {cached} 个结果（{mb:.1f} MB）。",

    # ---- the long-range task ----
    "ui.recall": "它记得住 d = {d} 个字符之前的键吗？",
    "ui.recall_acc": "答对的键",
    "ui.recall_loss": "键上的损失（奈特）",
    "ui.vs_chance": "相对随机水平",
    "def.recall": "在同一任务新生成的文本上评分：在每个必须重复键的位置，模型认为最可能的下一个字符是不是那个键？随机水平为 1/8。",
    "ctl.sweep": "扫描距离 d",
    "ctl.sweep.help": "用同样的设置分别在 d = 2、5、10、15、20、30、45 上训练，并画出各自答对的键的比例。同样的训练任务会与所有人共享。",
    "ui.sweeping": "正在为每个距离各训练一个模型……",
    "chart.recall_title": "答对的键的比例随需要记住的距离 d 的变化",
    "axis.d": "依赖距离 d（字符）",
    "axis.recall": "答对的键",

    # ---- the forward state, beside the gradient norm ----
    "chart.state_title": "前向状态：每步批内最大的 ‖h_T‖₂（对数坐标）",
    "chart.few_pairs": "从这里起，每个距离上的 (t, k) 对不足 {min_pairs} 个",
    "axis.state_norm": "‖h_T‖₂",
    "def.state_norm": (
        "‖h_T‖₂：每个窗口结束时隐藏状态的大小（取批内最大值）。如果它在增长，"
        "说明是前向计算本身在爆炸（爆炸的是激活值，不是梯度）；用 tanh 或 sigmoid "
        "时它永远不会超过 √H。"
    ),

    # ---- alt texts: what each chart shows for this run, computed in rnnlab.teaching.captions ----
    "alt.empty": "{chart}：暂时没有可显示的有限数值。",
    "alt.loss": (
        "每个训练步的损失：第 1 步为 {first} 奈特，{steps} 步后（平滑）为 "
        "{last}，低于随机水平 {chance}；最高为第 {top_step} 步的 {top}。"
    ),
    "alt.loss_above": (
        "每个训练步的损失：第 1 步为 {first} 奈特，{steps} 步后（平滑）为 "
        "{last}，高于随机水平 {chance}：训练失败了；最高为第 {top_step} 步的 "
        "{top}。"
    ),
    "alt.loss_certain": (
        "每个训练步的损失：这段文本只有一个不同的字符，每个下一个字符都是确定的，随机水平 ln|V| "
        "= ln 1 = 0；全部 {steps} 步的损失在 float64 的舍入误差以内都是 "
        "0（与 0 相差从不超过 {top}）：没有什么可学的。"
    ),
    "alt.grad_norm_zero": "裁剪前的梯度范数：全部 {steps} 步都恰好为 0，对数坐标无法显示；没有哪一步改变了权重。",
    "alt.grad_norm_from_zero": "裁剪前的梯度范数（对数坐标）：第 1 步为 0（图中不画，也无法与之相比），最大为第 {top_step} 步的 {top}。",
    "alt.state_norm_only": "前向状态 ‖h_T‖₂（对数坐标）：第 1 步为 {first}，最大为 {top}，是第 1 步的 {state_ratio} 倍。",
    "alt.state_norm_from_zero": "前向状态 ‖h_T‖₂（对数坐标）：第 1 步为 0（图中不画，也无法与之相比），最大为 {top}。",
    "alt.grad_ratio": "同一段时间里，梯度范数增长到第 1 步的 {grad_ratio} 倍。",
    "alt.grad_ratio_zero": "梯度范数在每一步都恰好为 0。",
    "alt.grad_ratio_undefined": "梯度范数在第 1 步为 0，所以无法给出它增长的倍数。",
    "alt.horizon_undefined": "无定义，因为距离 0 处的中位数恰好为 0",
    "alt.jacobian_zero": (
        "实测 ‖∂h_t/∂h_k‖₂ 的中位数在距离 {d0} 到 {d} 的每个距离上都恰好为 0："
        "每个距离上至少一半的 (t, k) 对，其单步雅可比矩阵的乘积是零矩阵，所以既谈不上下降或上升，"
        "也说不出它比讲义上界（距离 {d} 处为 {bound}）低几个数量级。"
    ),
    "alt.jacobian_to_zero": (
        "实测 ‖∂h_t/∂h_k‖₂ 从距离 {d0} 处的 {a} 变为距离 {d} 处的恰好为 "
        "0（中位数）：在那里，至少一半的 (t, k) 对，其单步雅可比矩阵的乘积是零矩阵，"
        "所以它与讲义上界（{bound}）的差距无法用数量级衡量。"
    ),
    "alt.jacobian_flat": (
        "实测 ‖∂h_t/∂h_k‖₂ 在 {steps} 步内保持在 {a}，比讲义上界低 "
        "{below} 个数量级（距离 {d} 处上界为 {bound}）。"
    ),
    "alt.all_zero": "{chart}：全部 {n} 个数值都恰好为 0，对数颜色刻度无法显示。",
    "alt.share_undefined": "∂J/∂W_hh 各项中来自距离 d 之外的占比：无定义，因为每一项都恰好为 0，没有可以相除的总量。",
    "alt.grad_norm": "裁剪前的梯度范数（对数坐标）：第 1 步为 {first}，最大为第 {top_step} 步的 {top}，是第 1 步的 {ratio} 倍。",
    "alt.clipped": "{steps} 步中有 {n} 步被裁剪到范数 c = {c}。",
    "alt.w_norm": "到第 {step} 步，‖W_hh‖₂ 从 {w0} 变为 {w1}；谱半径 r(W_hh) 从 {r0} 变为 {r1}。",
    "alt.state_norm": (
        "前向状态 ‖h_T‖₂（对数坐标）：第 1 步为 {first}，最大为 {top}，是第 1 "
        "步的 {state_ratio} 倍；同一段时间里，梯度范数增长到第 1 步的 "
        "{grad_ratio} 倍。"
    ),
    "alt.distant": "{q} 的中位数随距离的变化（对数坐标）：距离 0 处为 {near}，距离 {d} 处为 {far}。有效视野：{horizon}。",
    "alt.jacobian_falls": (
        "实测 ‖∂h_t/∂h_k‖₂ 在 {steps} 步内从 {a} 降到 {b}，比讲义上界低 "
        "{below} 个数量级（距离 {d} 处上界为 {bound}）。"
    ),
    "alt.jacobian_rises": (
        "实测 ‖∂h_t/∂h_k‖₂ 在 {steps} 步内从 {a} 升到 {b}，比讲义上界低 "
        "{below} 个数量级（距离 {d} 处上界为 {bound}）。"
    ),
    "alt.heatmap": (
        "{n} 对 (t, k) 的 {q}，颜色为对数：最大值 {hi} 在 t = {hi_t}、"
        "k = {hi_k} 处；最小的非零值 {lo} 在 t = {lo_t}、k = "
        "{lo_k} 处。"
    ),
    "alt.shading": "所分析的文本，按对第 t = {t} 步预测的贡献着色。贡献最大的：{top}。",
    "alt.share": "∂J/∂W_hh 各项中来自距离 d 之外的占比：{values}。",
    "alt.one_step": (
        "{n} 个单步雅可比矩阵各自的范数：正确的 ‖diag(f′(z_j)) W_hh‖₂ "
        "中位数为 {correct}（范围 {lo} 到 {hi}）；讲义写法的中位数为 "
        "{lecture}。"
    ),
    "alt.recall": "各距离上答对的键的比例：{values}（随机水平 {chance}）。",

    # ==== the gated cells ====
    "option.cell.rnn": "讲义中的 RNN",
    "option.cell.gru": "GRU（门控循环单元）",
    "option.cell.lstm": "LSTM（长短期记忆）",
    "ctl.cell": "循环单元",
    "ctl.cell.help": (
        "讲义中的 RNN h_t = f(W_hh h_{{t−1}} + W_hx x_t + b_h)，"
        "或采用 PyTorch 公式的门控单元（GRU：门 r、z、n；LSTM：门 i、f、g、o，"
        "记忆单元 c_t = f_t ⊙ c_{{t−1}} + i_t ⊙ g_t）。"
    ),
    "ui.gated_activation": (
        "门控单元有自己固定的非线性函数（门用 σ，候选值用 tanh），激活函数的选项只对讲义中的 "
        "RNN 起作用。初始化方式和 ‖W_hh‖₂ 作用于 W_hh 中每个门的 H × H 子块；"
        "LSTM 遗忘门的偏置初始为 {fb:g}。"
    ),
    "ui.gated_intro": (
        "对 {cell} 而言，状态为 s_t = {state}。下图测量 "
        "‖∂s_t/∂s_k‖₂（精确的单步雅可比矩阵 ∂s_j/∂s_{{j−1}} 的连乘积），"
        "并与逐步上界 Π ‖∂s_j/∂s_{{j−1}}‖₂ 对比。讲义中的上界 (β_W "
        "β_h)^(t−k) 是关于普通 RNN 的定理，这里不画出。"
    ),
    "ui.state.gru": "h_t",
    "ui.state.lstm": "(h_t, c_t)，共 2H 个数",
    "q.measured_s": "实测 ‖∂s_t/∂s_k‖₂",
    "q.measured_c": "记忆通路 ‖∂c_t/∂c_k‖₂",
    "q.stepwise_s": "逐步上界 Π ‖∂s_j/∂s_{{j−1}}‖₂",
    "def.measured_s": "实测 ‖∂s_t/∂s_k‖₂：在分析文本上，把 j = k+1, …, t 各步的单步雅可比矩阵连乘，取乘积的最大奇异值。",
    "def.measured_c": (
        "记忆通路 ‖∂c_t/∂c_k‖₂：同一乘积中记忆单元对应的子块，包含从 c_k 到 c_t "
        "的所有路径（h_k 保持不变）。只有其中的直接路径（每步一个因子 diag(f_j)）"
        "必定随遗忘门的关闭而缩小；经过 h 和各个门的路径可能使这个子块缩小得更快，"
        "也可能使它增长（见下方门的图）。"
    ),
    "def.stepwise_s": (
        "逐步上界：对 j = k+1, …, t 连乘精确的单步范数 ‖∂s_j/∂s_{{j−1}}‖₂；"
        "由 ‖AB‖₂ ≤ ‖A‖₂‖B‖₂，实测曲线永远不会超过它。"
    ),
    "chart.gated_title": "实测 ‖∂s_t/∂s_k‖₂ 随距离 t − k 的变化",
    "chart.gated_bound_title": "实测值与逐步上界 Π ‖∂s_j/∂s_{{j−1}}‖₂ 的对比",
    "ui.preset_changed": "与本课程预设不同的设置：{names}。上面的说明针对的是预设本身的设置，各标签页显示的是你这组设置的训练结果。",
    "alt.gated": "实测 ‖∂s_t/∂s_k‖₂（对 t 取中位数）从距离 {d0} 处的 {a} 变为距离 {d1} 处的 {b}。",
    "alt.gated_bound": "在距离 {d} 处，它比逐步上界低 {below} 个数量级。",
    "alt.gated_c": "记忆通路 ‖∂c_t/∂c_k‖₂ 从 {a} 变为 {b}。",
    "alt.gates": "在这 {n} 步中，{gate}门的均值介于 {lo} 和 {hi} 之间。",
    "alt.gates_none": "没有可显示的门值。",
    "alt.remedy": "答对的键：{parts}。",
    "alt.remedy_part": "{name} 在 d = {d0} 为 {a}，在 d = {d1} 为 {b}",
    "alt.w_norm_only": "到第 {step} 步，各门堆叠的 ‖W_hh‖₂ 从 {w0} 变为 {w1}（门的子块堆叠后不是方阵，没有谱半径）。",
    "def.w_norm_gated": (
        "‖W_hh‖₂：门控单元的 W_hh（各门子块堆叠而成，G·H × H，即 PyTorch 的 "
        "weight_hh_l0）的谱范数，最多在 {n} 个均匀分布的步上测量。它不是任何上界中的 "
        "β_W：讲义的上界只适用于普通 RNN。"
    ),
    "q.grad_h.gated": "‖∂J_t/∂s_k‖₂（整个状态）",
    "q.grad_W.gated": "‖(∂J_t/∂a^h_k) h_{{k−1}}ᵀ‖_F（∂J_t/∂W_hh 中的一项）",
    "def.grad_h.gated": (
        "‖∂J_t/∂s_k‖₂：第 t 步的损失对更早的第 k 步（k ≤ t）整个状态 s_k "
        "的梯度的范数（即 h_k，LSTM 则为 (h_k, c_k)）。"
    ),
    "def.grad_W.gated": (
        "‖(∂J_t/∂a^h_k) h_{{k−1}}ᵀ‖_F：∂J_t/∂W_hh（即 PyTorch "
        "的 weight_hh_l0，包含所有门）第 k 项的 Frobenius 范数；a^h_k "
        "是各门预激活中来自状态的部分，即 W_hh 乘上一步的输出再加 b_hh。"
    ),
    "chart.heat_title.gated": "每一对 k ≤ t 的 ‖∂J_t/∂s_k‖₂（颜色为 log10）",
    "chart.w_norm_gated": "‖W_hh‖₂（各门堆叠）",
    "chart.w_title_gated": "训练过程中各门堆叠的 ‖W_hh‖₂",
    "ui.w_norm_gated": "‖W_hh‖₂（各门堆叠）",
    "ui.rate_c": "实测速率（记忆通路）",
    "ui.gates_title": "门对梯度做了什么",
    "ui.gates_intro": (
        "在分析文本的每一步 $j$ 上，从第 0 步算起的两个每步速率：只走直接路径的 $\\ln "
        "D_j - \\ln D_{{j-1}}$，其中 $D_j = \\max_i "
        "\\prod_{{l \\le j}} {gate_sym}_{{l,i}}$（对角因子 "
        "diag({gate_sym}_l) 连乘的范数），以及实测的 $\\ln "
        "\\|\\partial {q}_j/\\partial {q}_0\\|_2 - \\ln "
        "\\|\\partial {q}_{{j-1}}/\\partial {q}_0\\|_2$。"
        "直接路径的速率接近 0，说明{gate}门一直敞开，这就是加法通路；实测速率高于它的地方，经过 "
        "h 和各个门的路径使乘积变大，低于它的地方则使乘积变小。"
    ),
    "ui.gate.f": "遗忘",
    "ui.gate.z": "更新",
    "ui.gates_caption": "对 {n} 步取平均：直接路径为每步 {direct}，实测乘积为每步 {rate}。",
    "chart.gates_title": "逐步看门与梯度（每步的自然对数）",
    "chart.gate_series": "经过{gate}门的直接路径",
    "chart.rate_series": "‖∂{q}_j/∂{q}_0‖₂ 的实测速率",
    "axis.ln_per_step": "每步的自然对数",

    # ---- the remedy lesson: the cells on the long-range task ----
    "preset.remedy.name": "长程记忆的对策（LSTM、GRU、正交初始化的 tanh）",
    "preset.remedy.desc": (
        "在长程依赖任务上训练的 LSTM（d = 10，窗口 T = 60）；"
        "第③页把它的遗忘门与记忆通路的实测速率并列展示。在第①页打开“在这个任务上比较各种循环单元”："
        "讲义中的 sigmoid RNN 和三种对策（正交初始化的 tanh RNN、GRU、LSTM）"
        "用相同的文本、随机种子、规模和窗口，分别在 d = 5 … 30 上训练，"
        "图中画出各自答对的键的比例。图下的句子给出这些训练中每种单元能回溯多远：哪种对策走得最远，"
        "以那里的实测为准，这里不作承诺。"
    ),
    "ctl.remedy": "在这个任务上比较各种循环单元",
    "ctl.remedy.help": (
        "用当前的规模、随机种子和窗口，分别在 d = {ds} 上训练讲义中的 sigmoid RNN、"
        "正交初始化的 tanh RNN、GRU 和 LSTM，并画出各自答对的键的比例。"
        "同样的训练任务会与所有人共享。"
    ),
    "ui.remedy_running": "正在训练 {n} 个模型，每种单元、每个距离各一个……",
    "remedy.rnn_sigmoid": "RNN，sigmoid（讲义）",
    "remedy.rnn_tanh_orth": "RNN，tanh，正交 W_hh",
    "remedy.gru": "GRU",
    "remedy.lstm": "LSTM",
    "chart.remedy_title": "答对的键的比例随 d 的变化，每种单元一条线（文本、种子、窗口都相同）",
    "chart.beyond_window": "d > T/2（T = {T}）：这里窗口可能截断依赖",
    "ui.remedy_reach": "{name}：直到 d = {d}，答对的键都不少于 {level:.0%}",
    "ui.remedy_none": "{name}：在 d = {d} 就已低于 {level:.0%}",
    "ui.remedy_measured": "这些训练中实测到（每个训练 {steps} 步，窗口 T = {T}）：{parts}。",

    # ==== the Experiments tab ====
    "tab.experiments": "⑤ 实验",
    "exp.sep": "；",
    "exp.intro": "讲义里的结论都是比较性的：‖W_hh‖₂ 低于 1/γ 时梯度必然消失，高于它时梯度可能爆炸；梯度裁剪可以抑制爆炸。这里把它们放在许多网络上、并排地实际测出来。",
    "exp.working": "计算中……{done} / {total}",
    "exp.queued": "正在等待服务器空出计算资源……",
    "exp.failed": "这一部分无法计算：{error}",

    # ---- 1. the phase diagram ----
    "exp.phase.header": "1 · 实测阈值",
    "exp.phase.intro": (
        "Pascanu、Mikolov 与 Bengio（2013）：‖W_hh‖₂ < 1/γ "
        "是梯度消失的充分条件，‖W_hh‖₂ > 1/γ 只是梯度爆炸的必要条件（γ = "
        "sup|f′|：sigmoid 为 1/4，tanh、ReLU 和线性为 1）。每个点是该 "
        "‖W_hh‖₂ 下随机网络的 ‖∂h_t/∂h_k‖₂ 每步实测速率：低于 0 "
        "时梯度按几何级数消失，高于 0 时增长。"
    ),
    "exp.phase.method": (
        "每个 ‖W_hh‖₂：{seeds} 个随机种子的 RNN（H = {H}；W_hh："
        "{init}，缩放到该范数）读取被分析的文本（{T} 步）。速率是 "
        "ln（‖∂h_t/∂h_k‖₂ 的中位数） 对 t − k（t − k = 1…{D}，取 "
        "{starts} 个起点 k）过原点的最小二乘斜率；由于每个范数都 ≤ (β_W "
        "β_h)^(t−k)，该速率必然 ≤ ln(β_W β_h)。色带：各种子的范围。"
    ),
    "exp.phase.title": "‖∂h_t/∂h_k‖₂ 的实测速率与 ‖W_hh‖₂",
    "exp.axis.w_norm": "‖W_hh‖₂（对数轴）",
    "exp.axis.rate": "速率（每步的自然对数）",
    "exp.series.bound": "上界速率 ln(β_W β_h)（虚线）",
    "exp.series.log_rho": "线性：ln ρ(W_hh)，谱半径（点线）",
    "exp.region": "保证消失：{acts}",
    "exp.threshold": "1/γ = {v}（{acts}）",
    "exp.stage.init": "本课网络（初始化时）",
    "exp.stage.trained": "本课网络（训练后）",
    "exp.phase.cross": "{act}：实测速率在 ‖W_hh‖₂ ≈ {at} 处首次达到 0，是其阈值 1/γ = {thr} 的 {ratio} 倍。",
    "exp.phase.no_cross": "{act}：在整个网格上实测速率都低于 0，直到 ‖W_hh‖₂ = {max}（其阈值 1/γ = {thr} 的 {ratio} 倍）。",
    "exp.phase.at_start": "{act}：在网格最小的 ‖W_hh‖₂ = {at} 处实测速率已经 ≥ 0（阈值 1/γ = {thr}）。",
    "exp.phase.sigmoid": "sigmoid 在 ‖W_hh‖₂ = {last}（其阈值 {thr} 的 {ratio} 倍）时仍然消失：定理的条件是充分的，而不是必要的。",
    "exp.phase.below": "全部 {n} 个实测速率都不超过各自的上界速率 ln(β_W β_h)。",
    "exp.phase.above": "{n} 个实测速率中有 {k} 个高于上界速率：这与定理矛盾，请报告这个问题。",
    "exp.phase.linear": "线性激活：在整个网格上实测速率与 ln ρ(W_hh) 相差不超过 {gap}——对线性 RNN 起决定作用的是谱半径，而不是 ‖W_hh‖₂。",
    "exp.phase.trained": "本课的网络（{act}）初始时 ‖W_hh‖₂ = {w0}，{r0}；训练 {steps} 步后位于 ‖W_hh‖₂ = {w1}，{r1}。",
    "exp.phase.rate_of": "每步速率 {r}",
    "exp.phase.rate_none": (
        "没有速率：此时每个乘积 ∂h_t/∂h_k 都恰好为 0（其中的斜率 f′ 为 0："
        "单元已关闭或已饱和），而速率是它们的对数的斜率，所以这个点不画在图上"
    ),
    "exp.phase.gated": "该定理和这张图针对的是讲义中的 RNN：当前的单元（{cell}）不在图中标出。",

    # ---- 2. runs side by side ----
    "exp.cmp.header": "2 · 并排比较多次训练",
    "exp.cmp.intro": (
        "A 是当前设置；B、C、D 改动其中的某些设置（除非改动，文本和随机种子相同）。"
        "用链接中的参数名写成“name:value”的形式，多次训练之间用 | 分隔，例如 "
        "act:tanh|act:relu 或 "
        "clip:value,clip_at:1|clip:norm,clip_at:1。"
        "地址栏随即保存整个比较。"
    ),
    "exp.cmp.input": "要比较的训练（B | C | D）",
    "exp.cmp.input.help": (
        "可用名称：act、init、rho、clip、clip_at、opt、lr、hidden、"
        "seq、batch、steps、seed、dist、cell、reset（0 或 1）。除 A "
        "外最多三次训练。"
    ),
    "exp.cmp.examples": "示例：",
    "exp.cmp.ex.act": "sigmoid / tanh / ReLU",
    "exp.cmp.ex.clip": "不裁剪 / 逐元素 / 按范数",
    "exp.cmp.ex.init": "高斯 / 正交 / 单位矩阵",
    "exp.cmp.ex.cell": "RNN / GRU / LSTM",
    "exp.cmp.current": "A：当前设置",
    "exp.cmp.none": "只有 A：请在上方添加要比较的训练。",
    "exp.cmp.bad_name": "“{part}” 不是比较中可以改动的设置，已忽略。",
    "exp.cmp.bad_value": "“{part}”：该设置不能取这个值，已忽略。",
    "exp.cmp.bad_config": "“{part}”：服务器会拒绝这次训练（{detail}），已忽略。",
    "exp.cmp.too_many": "“{part}”：除 A 外最多 {detail} 次训练，已忽略。",
    "exp.cmp.run_failed": "训练 {label} 未完成：{error}",
    "exp.cmp.loss_title": "损失 J（平滑后）",
    "exp.cmp.grad_title": "裁剪前的梯度范数",
    "exp.cmp.w_title": "训练过程中的 ‖W_hh‖₂",
    "exp.cmp.gradx_title": "按距离的贡献：‖∂J_t/∂x_k‖ 的中位数",
    "exp.cmp.jac_title": "按距离的实测 ‖∂s_t/∂s_k‖₂（中位数）",
    "exp.axis.grad_x": "‖∂J_t/∂x_k‖ 中位数（对数）",
    "exp.axis.jacobian": "‖∂s_t/∂s_k‖₂ 中位数（对数）",
    "exp.axis.grad_log": "‖∂J/∂θ‖（对数）",
    "exp.cmp.loss_words": "最终平滑损失：{runs}。",
    "exp.cmp.grad_words": "最大梯度范数：{runs}。",
    "exp.cmp.gradx_words": "距离 {d} 处 ‖∂J_t/∂x_k‖ 的中位数：{runs}。",
    "exp.cmp.recall_words": "回忆 d 个字符之前的键的准确率：{runs}。",
    "exp.cmp.sweep": "每次训练的回忆准确率与 d",
    "exp.cmp.sweep.help": "在 d = {ds} 的长程任务上把每次比较的训练重新训练一遍（与补救面板相同的距离，所以这些训练与它共享）。",
    "exp.cmp.recall_title": "各次训练回忆 d 个字符之前的键",
    "exp.cmp.recall_sweep_words": "答对的键：{runs}。",

    # ---- 4. the exploding gradient up close ----
    "exp.close.header": "3 · 近看梯度爆炸",
    "exp.close.intro": "把当前这次训练逐步重放。梯度范数的尖峰很少见：直方图能显示出它们；沿尖峰处梯度方向的损失显示出其背后的悬崖（Pascanu 等 2013，图 6）。",
    "exp.close.hist_title": "各梯度范数出现的步数",
    "exp.axis.grad_norm": "裁剪前的 ‖∂J/∂θ‖（对数分箱）",
    "exp.axis.count": "步数",
    "exp.close.hist_words": "{n} 步：梯度范数中位数 {median}，最大值 {top} 出现在第 {step} 步（中位数的 {ratio} 倍）。",
    "exp.close.clip_zero": (
        "这里不比较按值裁剪与按范数裁剪：没有一步的梯度范数超过这次训练自己的 c = {own}，"
        "而且至少一半的梯度恰好为 0，所以用来代替 c 的 max|g_i| 的中位数为 0，而在 c "
        "= 0 时，两种规则都会同样把每个梯度变成 0。"
    ),
    "exp.close.hist_zero": "全部 {n} 步的梯度范数都恰好为 0：没有一步改变过权重，对数坐标上也没有可画的点。",
    "exp.close.hist_zero_median": (
        "{n} 步：其中 {zero} 步的梯度范数恰好为 0（对数坐标无法显示），所以中位数为 0；"
        "最大值 {top} 出现在第 {step} 步，它与为 0 的中位数之比无定义。"
    ),
    "exp.close.hist_clipped_norm": "有 {k} 步在 ‖g‖ = c = {c} 处被裁剪（图中的竖线）。",
    "exp.close.hist_clipped_value": (
        "有 {k} 步中 g 的某些分量被截断到 ±c = ±{c}；按值裁剪约束的是每个分量，"
        "而不是横轴上的范数 ‖g‖，所以图中没有标出 c。"
    ),
    "exp.close.cliff_title": "沿梯度方向的损失：J(θ − η g/‖g‖)",
    "exp.axis.eta": "η，沿 −g/‖g‖ 移动的距离（symlog 轴）",
    "exp.close.spike": "尖峰：第 {step} 步，‖g‖ = {g}",
    "exp.close.ordinary": "普通：第 {step} 步，‖g‖ = {g}",
    "exp.close.at_spike": "在尖峰处",
    "exp.close.at_ordinary": "在普通的一步",
    "exp.close.cliff_line": (
        "{where}（第 {step} 步，‖g‖ = {g}），损失从 η = 0 时的 {j0} "
        "最低降到 {jmin}（η = {eta}），沿直线到 η = {end} 最高为 "
        "{jmax}。"
    ),
    "exp.close.cliff_rises": (
        "{where}（第 {step} 步，‖g‖ = {g}），损失在 η = 0 时为 {j0}，"
        "直线上没有哪个 η > 0 能使它更低：沿直线到 η = {end}，它最高为 {jmax}。"
    ),
    "exp.close.cliff_only_start": (
        "{where}（第 {step} 步，‖g‖ = {g}），损失在 η = 0 时为 {j0}，"
        "而在直线上每个 η > 0 处（从最短的 η = {first} 起）都不是有限值："
        "它在那里超出了 float64 的范围，所以这条线上看不到悬崖。"
    ),
    "exp.close.cliff_overflow": (
        "在 {n} 个 η 值中，有 {k} 个（第一个是 η = {eta}）处的损失不是有限值："
        "它超出了 float64 的范围，这些点不画出。"
    ),
    "exp.close.cliff_no_direction": "{where}（第 {step} 步），梯度恰好为 0：没有可以沿着走的方向 g/‖g‖，所以沿它的损失无定义，不画出。",
    "exp.close.cliff_zero": "这次训练的每个梯度都恰好为 0（连第 {step} 步的最大值也是）：没有可以沿着走的方向 g/‖g‖，所以沿梯度的损失无定义，不画出。",
    "exp.close.angle_title": "裁剪后的梯度与真实梯度的夹角",
    "exp.axis.degrees": "夹角（度）",
    "exp.close.angle_intro": (
        "把当前这次训练跑两遍，分别用逐元素裁剪和按范数裁剪（相同的 c = {c} 和随机种子）："
        "在每个被裁剪的步骤上，交给优化器的方向与真实梯度之间的夹角。"
    ),
    "exp.close.angle_median": (
        "这次训练没有任何一步的梯度范数超过它自己的 c = {own}，所以这里取 c = {c}，"
        "即各步最大梯度分量 max|g_i| 的中位数。"
    ),
    "exp.close.angle_words": (
        "在 c = {c} 处逐元素裁剪使梯度方向最多偏转 {vmax}°（中位数 {vmed}°，共 "
        "{vn} 个被裁剪的步骤）；按范数裁剪最多偏转 {nmax}°（共 {nn} 步）："
        "它只把梯度缩短。"
    ),
    "exp.close.angle_no_value": (
        "在 c = {c} 处逐元素裁剪没有裁剪任何一步：梯度的每个分量都在 ±c 之内，尽管有 "
        "{nn} 步梯度范数超过了 c；在这些步上按范数裁剪最多使方向偏转 {nmax}°。"
    ),
    "exp.close.no_clip": "在 c = {c} 处两次训练都没有裁剪任何一步：降低阈值或选择梯度爆炸那一课才能看出区别。",
    "exp.close.loss_title": "损失：逐元素裁剪与按范数裁剪",

    # ---- 3. the long-range benchmark ----
    "exp.lr.header": "4 · 长程依赖基准",
    "exp.lr.intro": (
        "在合成长程依赖任务上（在一段新的文本上评分），回忆 d 个字符之前的键的准确率与 d 的关系，"
        "仿照 Pascanu 等（2013）的图 7。每次训练 H = {H}、B = {B}、训练 "
        "{steps} 步，BPTT 窗口 T = 2d 个字符（至少 20），依赖总在窗口之内："
        "失败是梯度造成的，而不是截断造成的。{runs} 次小规模训练（每种 {seeds} "
        "个随机种子）在服务器 {slots} 个训练名额之一上依次进行——需要几分钟，除非应用已经附带了预先算好的结果。"
    ),
    "exp.lr.run": "运行长程依赖基准",
    "exp.lr.run.help": "默认关闭：它要训练一百多个小网络。",
    "exp.lr.title": "回忆 d 个字符之前的键",
    "exp.lr.axis_d": "依赖距离 d（BPTT 窗口 T = 2d，至少 20）",
    "exp.lr.setting.sigmoid": "讲义中的 sigmoid RNN",
    "exp.lr.setting.tanh_orthogonal": "tanh，正交 W_hh",
    "exp.lr.setting.irnn": "IRNN（ReLU，W_hh = I）",
    "exp.lr.setting.gru": "GRU",
    "exp.lr.setting.lstm": "LSTM",
    "exp.lr.with_clip": " + 按范数裁剪（c = 1）",
    "exp.lr.words": "{setting}：直到 d = {d}，回忆准确率中位数都 ≥ 90%；在 d = {far} 处为 {acc}。",
    "exp.lr.words_none": "{setting}：在所有 d 上回忆准确率中位数都低于 90%；在 d = {far} 处为 {acc}。",
}
