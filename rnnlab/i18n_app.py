"""The page's own words (controls, tabs, charts, status lines) in English and Chinese.

Merged into `rnnlab.i18n.STRINGS`; kept apart from the lecture's definitions and messages so the
two tables stay readable.
"""

APP_STRINGS: dict[str, dict[str, str]] = {
    # ---- page ----
    "ui.title": {"en": "rnnlab · vanishing and exploding gradients",
                 "zh": "rnnlab · 梯度消失与梯度爆炸"},
    "ui.subtitle": {
        "en": "A character-level RNN in pure numpy, trained live with exact back-propagation "
              "through time. Watch how far back its gradient reaches.",
        "zh": "纯 numpy 实现的字符级 RNN，用精确的随时间反向传播（BPTT）现场训练。"
              "看看它的梯度能回溯多远。",
    },
    "tab.training": {"en": "① Training", "zh": "① 训练"},
    "tab.distant": {"en": "② Distant words", "zh": "② 远处的词"},
    "tab.jacobian": {"en": "③ Jacobian norms", "zh": "③ 雅可比范数"},
    "tab.theory": {"en": "④ Theory", "zh": "④ 理论"},
    "ui.data": {"en": "Text", "zh": "文本"},
    "ui.model": {"en": "Model", "zh": "模型"},
    "ui.training": {"en": "Training", "zh": "训练"},
    "ui.queued": {"en": "Waiting for a free training slot (the server trains two runs at a "
                        "time)…",
                  "zh": "正在排队等待空闲的训练位置（服务器同时最多训练两个任务）……"},
    "ui.training_now": {"en": "Training… the curves update live.",
                        "zh": "训练中……曲线实时更新。"},
    "ui.progress": {"en": "step {step} of {steps}", "zh": "第 {step} 步，共 {steps} 步"},
    "ui.trained": {
        "en": "Trained {steps} steps. Smoothed loss now {loss} nats per character "
              "(chance level ln|V| = {chance}).",
        "zh": "已训练 {steps} 步。平滑后的损失为每字符 {loss} 奈特"
              "（随机水平 ln|V| = {chance}）。",
    },
    "ui.one_char": {
        "en": "This text has a single distinct character, so every next character is certain: "
              "the loss is 0 from the first step, every gradient is exactly 0 and training "
              "changes nothing. The Distant words tab has no gradient to measure (its horizon "
              "and shares are undefined); the Jacobian norms of tab ③ do not depend on the "
              "loss and are measured as usual.",
        "zh": "这段文本只有一个不同的字符，所以每个下一个字符都是确定的：损失从第一步起就是 0，"
              "每个梯度都恰好为 0，训练什么也不会改变。“远处的词”标签页没有梯度可测"
              "（有效视野和占比都无定义）；③ 中的雅可比范数与损失无关，照常测量。",
    },
    "ui.run_failed": {"en": "Training could not run: {error}",
                      "zh": "训练无法进行：{error}"},
    "ui.upload_first": {
        "en": "Choose a .txt file (UTF-8, up to 2 MB) to upload in the sidebar. Until then the "
              "lab uses the English text.",
        "zh": "请在侧边栏选择一个 .txt 文件（UTF-8 编码，最大 2 MB）上传。上传之前先用英文文本。",
    },
    "ui.using_english": {"en": "The lab uses the English text instead.",
                         "zh": "现改用英文文本。"},
    "ui.sample": {"en": "What the model writes", "zh": "模型写出的文字"},
    "ui.sample_failed": {
        "en": "No sample: the model's hidden state overflows (the weights have exploded).",
        "zh": "无法生成样本：模型的隐藏状态溢出了（权重已经爆炸）。",
    },
    "ui.download_history": {"en": "Download the training history (CSV)",
                            "zh": "下载训练记录（CSV）"},
    "ui.download_params": {"en": "Download the trained parameters (.npz)",
                           "zh": "下载训练后的参数（.npz）"},
    "ui.download_csv": {"en": "Download this chart's data (CSV)", "zh": "下载此图的数据（CSV）"},
    "ui.see_chart": {"en": "Shown in the lab: {chart}.", "zh": "在实验中对应：{chart}。"},
    "chartid.training.loss": {"en": "① Training → loss per step",
                              "zh": "① 训练 → 每步损失"},
    "chartid.training.grad_norm": {"en": "① Training → gradient norm per step",
                                   "zh": "① 训练 → 每步梯度范数"},
    "chartid.training.w_norm": {"en": "① Training → ‖W_hh‖₂ per step",
                                "zh": "① 训练 → 每步的 ‖W_hh‖₂"},
    "chartid.distant.by_distance": {"en": "② Distant words → contribution by distance",
                                    "zh": "② 远处的词 → 贡献随距离的变化"},
    "chartid.jacobian.by_distance": {"en": "③ Jacobian norms → measured against the bound",
                                     "zh": "③ 雅可比范数 → 实测值与上界对比"},
    "cfg.too_much_work": {
        "en": "This combination is too heavy for a shared classroom server: its training would "
              "take about {seconds:.1f} s of computing, and the limit is {limit:g} s. Lower the "
              "hidden size, the sequence length, the batch or the number of steps. The defaults "
              "are shown instead.",
        "zh": "这组设置对共享的课堂服务器来说计算量太大：训练预计约需 {seconds:.1f} 秒计算时间，"
              "上限为 {limit:g} 秒。请减小隐藏层大小、序列长度、批大小或训练步数。"
              "下面显示的是默认设置的结果。",
    },
    # ---- controls ----
    "ctl.lang": {"en": "Language", "zh": "语言"},
    "ctl.lang.help": {"en": "The page's language; the link keeps it (lang=zh).",
                      "zh": "页面的语言；链接会记住它（lang=zh）。"},
    "ctl.preset": {"en": "Lesson", "zh": "课程预设"},
    "ctl.preset.help": {
        "en": "Each lesson sets every control at once to show one point of the lecture. You can "
              "change any control afterwards.",
        "zh": "每个预设会一次性设置所有控件，用来展示讲义中的一个要点。之后仍可随意修改任何控件。",
    },
    "ctl.corpus": {"en": "Training text", "zh": "训练文本"},
    "ctl.corpus.help": {
        "en": "Bundled English or Chinese essays, a synthetic task with a dependency a fixed "
              "distance back, or your own .txt file.",
        "zh": "内置的英文或中文短文、一个依赖距离固定的合成任务，或者你自己的 .txt 文件。",
    },
    "ctl.dist": {"en": "Dependency distance d", "zh": "依赖距离 d"},
    "ctl.dist.help": {
        "en": "In the synthetic text, a character must repeat the key seen exactly d characters "
              "earlier.",
        "zh": "在合成文本中，某个字符必须重复恰好 d 个字符之前出现的那个键。",
    },
    "ctl.upload": {"en": "Your text (.txt, UTF-8, up to 2 MB)",
                   "zh": "你的文本（.txt，UTF-8 编码，最大 2 MB）"},
    "ctl.upload.help": {
        "en": "Plain UTF-8 text. The 299 most frequent characters are kept; every rarer one "
              "becomes one unknown symbol (300 symbols in all).",
        "zh": "纯 UTF-8 文本。保留出现最频繁的 299 个字符，其余字符统一记为一个未知符号（共 300 个符号）。",
    },
    "ctl.act": {"en": "Activation f", "zh": "激活函数 f"},
    "ctl.act.help": {
        "en": "h_t = f(z_t). Its largest slope is β_h: 1/4 for the sigmoid, 1 for the others.",
        "zh": "h_t = f(z_t)。它的最大斜率就是 β_h：sigmoid 为 1/4，其余均为 1。",
    },
    "ctl.hidden": {"en": "Hidden size H", "zh": "隐藏层大小 H"},
    "ctl.hidden.help": {"en": "Number of hidden units: h_t has H components.",
                        "zh": "隐藏单元的个数：h_t 有 H 个分量。"},
    "ctl.init": {"en": "Initialisation of W_hh", "zh": "W_hh 的初始化"},
    "ctl.init.help": {
        "en": "Random Gaussian, a random orthogonal matrix, or the identity (IRNN); then scaled "
              "to the ‖W_hh‖₂ below.",
        "zh": "高斯随机、随机正交矩阵或单位矩阵（IRNN）；随后缩放到下方设定的 ‖W_hh‖₂。",
    },
    "ctl.rho": {"en": "‖W_hh‖₂ at initialisation (β_W)", "zh": "初始化时的 ‖W_hh‖₂（β_W）"},
    "ctl.rho.help": {
        "en": "The largest singular value of W_hh before training: the lab's main dial between "
              "vanishing and exploding.",
        "zh": "训练前 W_hh 的最大奇异值：在梯度消失与梯度爆炸之间切换的主旋钮。",
    },
    "ctl.seq": {"en": "Sequence length T (BPTT window)", "zh": "序列长度 T（BPTT 窗口）"},
    "ctl.seq.help": {
        "en": "Characters per truncated-BPTT window; the gradient never reaches further back.",
        "zh": "每个截断 BPTT 窗口中的字符数；梯度不会回溯到比这更远的地方。",
    },
    "ctl.batch": {"en": "Batch B (parallel streams)", "zh": "批大小 B（并行数据流）"},
    "ctl.batch.help": {"en": "The text is read as B streams side by side.",
                       "zh": "文本被切成 B 条数据流并行读取。"},
    "ctl.opt": {"en": "Optimizer", "zh": "优化器"},
    "ctl.opt.help": {"en": "How a gradient becomes a parameter update.",
                     "zh": "如何把梯度变成参数更新。"},
    "ctl.lr": {"en": "Learning rate", "zh": "学习率"},
    "ctl.lr.help": {"en": "Step size of the optimizer.", "zh": "优化器的步长。"},
    "ctl.clip": {"en": "Gradient clipping", "zh": "梯度裁剪"},
    "ctl.clip.help": {
        "en": "None; each component to ±c (as in min-char-rnn); or the whole gradient rescaled "
              "to norm c when it is longer (Pascanu et al. 2013).",
        "zh": "不裁剪；把每个分量裁到 ±c（如 min-char-rnn）；或当梯度范数超过 c 时整体缩放到 c"
              "（Pascanu 等，2013）。",
    },
    "ctl.clip_at": {"en": "Clipping threshold c", "zh": "裁剪阈值 c"},
    "ctl.clip_at.help": {"en": "The c of the clipping rule.", "zh": "裁剪规则中的 c。"},
    "ctl.steps": {"en": "Training steps", "zh": "训练步数"},
    "ctl.steps.help": {"en": "Number of parameter updates.", "zh": "参数更新的次数。"},
    "ctl.seed": {"en": "Random seed", "zh": "随机种子"},
    "ctl.seed.help": {
        "en": "Fixes the initial weights: the same link always gives the same curves.",
        "zh": "固定初始权重：同一个链接总是得到同样的曲线。",
    },
    "ctl.reset": {"en": "Start every window from h₀ = 0", "zh": "每个窗口都从 h₀ = 0 开始"},
    "ctl.reset.help": {
        "en": "Off: the hidden state is carried from one window to the next, as in "
              "min-char-rnn (the gradient still stops at the window's start). On: every window "
              "starts from zeros.",
        "zh": "关闭：隐藏状态从一个窗口延续到下一个窗口，与 min-char-rnn 相同（梯度仍在窗口开头截断）。"
              "打开：每个窗口都从零开始。",
    },
    "ctl.temperature": {"en": "Sampling temperature", "zh": "采样温度"},
    "ctl.temperature.help": {
        "en": "Below 1 the model picks likely characters; above 1 it takes more risks.",
        "zh": "小于 1 时模型倾向选择高概率字符；大于 1 时更敢于冒险。",
    },
    # ---- charts ----
    "chart.series": {"en": "curve", "zh": "曲线"},
    "chart.median": {"en": "median over t", "zh": "对 t 的中位数"},
    "chart.loss_title": {"en": "Loss J per training step", "zh": "每个训练步的损失 J"},
    "chart.loss_raw": {"en": "J (this step)", "zh": "J（本步）"},
    "chart.loss_smooth": {"en": "J (smoothed)", "zh": "J（平滑）"},
    "chart.chance": {"en": "chance ln|V| = {v:.2f}", "zh": "随机水平 ln|V| = {v:.2f}"},
    "chart.chance_title": {"en": "chance level", "zh": "随机水平"},
    "chart.grad_title": {"en": "Gradient norm ‖∂J/∂θ‖₂ before clipping (log scale)",
                         "zh": "裁剪前的梯度范数 ‖∂J/∂θ‖₂（对数坐标）"},
    "chart.clipped": {"en": "clipped", "zh": "是否裁剪"},
    "chart.clipped_yes": {"en": "clipped step", "zh": "被裁剪的步"},
    "chart.clipped_no": {"en": "not clipped", "zh": "未裁剪"},
    "chart.clip_rule": {"en": "threshold c = {c:g}", "zh": "阈值 c = {c:g}"},
    "chart.clip_title": {"en": "clipping", "zh": "裁剪"},
    "chart.w_title": {"en": "‖W_hh‖₂ and the spectral radius r(W_hh) during training",
                      "zh": "训练过程中的 ‖W_hh‖₂ 与谱半径 r(W_hh)"},
    "chart.w_norm": {"en": "‖W_hh‖₂ = β_W", "zh": "‖W_hh‖₂ = β_W"},
    "chart.rho": {"en": "spectral radius r(W_hh)", "zh": "谱半径 r(W_hh)"},
    "axis.step": {"en": "training step", "zh": "训练步"},
    "axis.loss": {"en": "J (nats per character)", "zh": "J（每字符奈特）"},
    "axis.loss_log": {"en": "J (nats per character, log scale)", "zh": "J（每字符奈特，对数坐标）"},
    "axis.grad_norm": {"en": "‖∂J/∂θ‖₂", "zh": "‖∂J/∂θ‖₂"},
    "axis.w_norm": {"en": "value", "zh": "数值"},
    "axis.distance": {"en": "distance t − k (steps back)", "zh": "距离 t − k（往前回溯的步数）"},
    "axis.t": {"en": "t (predicting step)", "zh": "t（预测所在步）"},
    "axis.k": {"en": "k (earlier step)", "zh": "k（更早的步）"},
    # ---- distant words ----
    "ctl.text": {"en": "Text to analyse (leave empty for a passage of the training text)",
                 "zh": "要分析的文本（留空则使用训练文本中的一段）"},
    "ctl.text.help": {
        "en": "Up to 150 characters. The model reads it from h_0 = 0 and predicts each next "
              "character; characters it has never seen are left out.",
        "zh": "最多 150 个字符。模型从 h_0 = 0 开始读入它，并预测每一个下一个字符；"
              "模型从未见过的字符会被略去。",
    },
    "ui.text_too_short": {"en": "That text is too short to analyse; the passage is shown instead.",
                          "zh": "这段文本太短，无法分析；下面改用默认段落。"},
    "ui.dropped_chars": {"en": "Left out (not in the model's vocabulary): {chars}",
                         "zh": "已略去（不在模型词表中）：{chars}"},
    "ui.analysis_failed": {
        "en": "This analysis cannot be computed for these weights ({error}). Try the "
              "checkpoint before training, or settings that do not explode.",
        "zh": "对这组权重无法完成该分析（{error}）。请试试训练前的检查点，或换用不会爆炸的设置。",
    },
    "ui.distant_intro": {
        "en": "By the chain rule, the gradient of the loss J_t at step t is a sum of one term "
              "per earlier step k. Each curve shows how large those terms are, as a function of "
              "how far back k lies (median over t, band from the 10th to the 90th percentile). "
              "A straight line falling on this log axis is a geometric decay: vanishing.",
        "zh": "由链式法则，第 t 步损失 J_t 的梯度是每个更早的步 k 各贡献一项之和。"
              "每条曲线显示这些项的大小如何随 k 往前回溯的距离变化（对 t 取中位数，阴影为第 10 到第 90 百分位）。"
              "在对数坐标上直线下降，就是按几何级数衰减：梯度消失。",
    },
    "q.grad_h": {"en": "‖∂J_t/∂h_k‖₂", "zh": "‖∂J_t/∂h_k‖₂"},
    "q.grad_x": {"en": "‖∂J_t/∂x_k‖₂ (input character)", "zh": "‖∂J_t/∂x_k‖₂（输入字符）"},
    "q.grad_W": {"en": "‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F (term of ∂J_t/∂W_hh)",
                 "zh": "‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F（∂J_t/∂W_hh 中的一项）"},
    "ui.horizon": {"en": "Effective horizon", "zh": "有效视野"},
    "ui.steps_back": {"en": "{n} characters back", "zh": "往前 {n} 个字符"},
    "ui.beyond_text": {"en": "beyond the analysed text ({n} characters)",
                       "zh": "超出所分析的文本（{n} 个字符）"},
    "ui.no_decay": {"en": "no decay (rate {rate:+.3f} per step)",
                    "zh": "不衰减（每步速率 {rate:+.3f}）"},
    "ui.undefined": {"en": "undefined", "zh": "无定义"},
    "ui.horizon_undefined": {
        "en": "The effective horizon is undefined: at distance 0, {zero} of the {n} terms are "
              "exactly 0, so their median, the size every distant term is compared with, is 0.",
        "zh": "有效视野无定义：在距离 0 处，{n} 项中有 {zero} 项恰好为 0，"
              "所以它们的中位数（每个远处的项都要与之比较的大小）为 0。",
    },
    "ui.silent_certain": {
        "en": "{n} of them because the model is certain of the next character: its softmax "
              "gives it probability 1 in float64, so J_t = 0 and no gradient flows back.",
        "zh": "其中 {n} 项是因为模型对下一个字符有十足把握：它的 softmax 在 float64 精度下给出"
              "概率 1，所以 J_t = 0，没有梯度往回传。",
    },
    "ui.silent_slopes": {
        "en": "{n} of them although J_t > 0: at step t either the slope f′(z_t) is 0 wherever "
              "∂J_t/∂h_t is not (every ReLU unit switched off, for instance) or the previous "
              "state h_{{t−1}} is 0.",
        "zh": "其中 {n} 项虽然 J_t > 0：在第 t 步，要么凡是 ∂J_t/∂h_t 不为 0 的单元，斜率 f′(z_t) "
              "都为 0（例如所有 ReLU 单元都处于关闭状态），要么前一个状态 h_{{t−1}} 为 0。",
    },
    "ui.share_undefined": {
        "en": "Every term of ∂J/∂W_hh on this text is exactly 0, so the shares from beyond d are "
              "undefined too: there is no total to take a share of.",
        "zh": "这段文本上 ∂J/∂W_hh 的每一项都恰好为 0，所以来自 d 之外的占比也无定义："
              "没有可以取占比的总量。",
    },
    "ui.rate_undefined_zero": {
        "en": "The measured rate is undefined: the median ‖∂h_t/∂h_k‖₂ is exactly 0 at {zero} "
              "of the {n} distances, and a line through its logarithm needs at least two that "
              "are not.",
        "zh": "实测速率无定义：在 {n} 个距离中，有 {zero} 个距离上 ‖∂h_t/∂h_k‖₂ 的中位数恰好为 0，"
              "而要对它的对数拟合一条直线，至少需要两个不为 0 的距离。",
    },
    "ui.rate_undefined_short": {
        "en": "The measured rate is undefined: a line through the medians needs at least two "
              "distances, and this text gives {n}.",
        "zh": "实测速率无定义：用中位数拟合直线至少需要两个距离，而这段文本只给出 {n} 个。",
    },
    "ui.few_pairs": {
        "en": "Beyond distance {d} fewer than {n} pairs (t, k) remain per distance, so their "
              "medians rest on a handful of terms (the dotted line on the chart); the horizon "
              "ignores them. The step-1 term of ∂J_t/∂W_hh, (∂J_t/∂z_1) h_0ᵀ, is 0 by "
              "construction (h_0 = 0) and is left out of the horizon too.",
        "zh": "距离超过 {d} 以后，每个距离上剩下的 (t, k) 对不足 {n} 个，它们的中位数只由寥寥几项决定"
              "（图中的点线）；有效视野不考虑这些距离。∂J_t/∂W_hh 中第 1 步那一项 (∂J_t/∂z_1) h_0ᵀ "
              "因为 h_0 = 0 而恒为 0，计算有效视野时同样不计入。",
    },
    "ui.share_beyond": {"en": "∂J/∂W_hh terms from beyond d = {d}",
                        "zh": "∂J/∂W_hh 各项中来自 d = {d} 之外的占比"},
    "chart.distant_title": {"en": "Contribution of step k to the gradient of J_t, by distance t − k",
                            "zh": "第 k 步对 J_t 梯度的贡献，随距离 t − k 的变化"},
    "axis.contribution": {"en": "size of the step-k term (log scale)",
                          "zh": "第 k 步那一项的大小（对数坐标）"},
    "ui.shading": {"en": "Which earlier characters and words matter for one prediction",
                   "zh": "哪些更早的字符和词影响了某一次预测"},
    "ctl.pos": {"en": "Prediction at step t", "zh": "第 t 步的预测"},
    "ctl.pos.help": {"en": "J_t scores the prediction of the character after the t-th one.",
                     "zh": "J_t 衡量的是对第 t 个字符之后那个字符的预测。"},
    "ctl.by_word": {"en": "By word", "zh": "按词"},
    "ctl.by_word.help": {
        "en": "Shade each word by the sum over its characters (a CJK character is a word of "
              "its own), or each character by itself.",
        "zh": "按词着色时取词内各字符之和（每个汉字单独算一个词）；否则每个字符单独着色。",
    },
    "ui.shading_caption": {
        "en": "After reading character {t} ({char}) the model predicts the next one, {next}. "
              "Colour: log10 ‖∂J_t/∂x_k‖₂, how much character k could change that prediction's "
              "loss (by word: summed over the word's characters); brighter is more.",
        "zh": "读完第 {t} 个字符（{char}）后，模型预测下一个字符 {next}。"
              "颜色表示 log10 ‖∂J_t/∂x_k‖₂，即第 k 个字符能在多大程度上改变这次预测的损失"
              "（按词时为词内各字符之和）；越亮越大。",
    },
    "chart.shading_title": {"en": "Contribution to the prediction at t = {t}",
                            "zh": "对第 t = {t} 步预测的贡献"},
    "chart.char": {"en": "character", "zh": "字符"},
    "ui.top_words": {"en": "Largest contributions: {words}", "zh": "贡献最大的：{words}"},
    "ui.slopes_vs_directions": {
        "en": "At distance {d} the stepwise bound is within a factor {slopes:.2g} of the "
              "lecture's bound, so their lines overlap: at every step some unit sits where f′ "
              "is largest, and the actual slopes barely tighten it. The remaining {dirs:.0f} "
              "orders of magnitude down to the measured norm split in two, both measured: "
              "{steps} are lost within single steps (‖diag(f′(z_j)) W_hh‖₂ against "
              "‖W_hh‖₂ max|f′(z_j)|, summed over the steps) and {products} in the product "
              "(‖∏ J_j‖₂ against ∏ ‖J_j‖₂, the slack of ‖AB‖ ≤ ‖A‖ ‖B‖).",
        "zh": "在距离 {d} 处，逐步上界与讲义上界只差 {slopes:.2g} 倍，所以两条线重合：每一步总有"
              "某个单元处在 f′ 最大的位置，用实际斜率几乎收紧不了多少。到实测范数还差的 {dirs:.0f} "
              "个数量级分成两部分，都是实测的：{steps} 个数量级损失在单步之内"
              "（‖diag(f′(z_j)) W_hh‖₂ 与 ‖W_hh‖₂ max|f′(z_j)| 之比，对各步累计），"
              "{products} 个损失在连乘之中（‖∏ J_j‖₂ 与 ∏ ‖J_j‖₂ 之比，即 ‖AB‖ ≤ ‖A‖‖B‖ 的松弛）。",
    },
    "ui.form_verdict_grows": {
        "en": "On this run the note's formula changes the verdict: its product grows with "
              "distance (rate {lecture:+.3f} per step) while the true ∂h_t/∂h_k decays "
              "({correct:+.3f}). Taking f′ at h_{{j−1}} instead of z_j is not a detail here.",
        "zh": "在这次训练上，讲义的公式改变了结论：它的乘积随距离增长（每步速率 {lecture:+.3f}），"
              "而真正的 ∂h_t/∂h_k 在衰减（{correct:+.3f}）。把 f′ 放在 h_{{j−1}} 而不是 z_j 处取值，"
              "在这里绝非细枝末节。",
    },
    "ui.form_verdict_decays": {
        "en": "On this run the note's formula changes the verdict: its product decays with "
              "distance (rate {lecture:+.3f} per step) while the true ∂h_t/∂h_k grows "
              "({correct:+.3f}).",
        "zh": "在这次训练上，讲义的公式改变了结论：它的乘积随距离衰减（每步速率 {lecture:+.3f}），"
              "而真正的 ∂h_t/∂h_k 在增长（{correct:+.3f}）。",
    },
    "ui.beyond_float64": {
        "en": "Some of these values exceed 1.8e308, the largest number a float64 holds: their "
              "curves stop there. The downloaded CSV keeps them exactly as log10_ columns.",
        "zh": "其中一些数值超过了 1.8e308，即 float64 能表示的最大数：曲线在那里中断。"
              "下载的 CSV 以 log10_ 列精确保留了它们。",
    },
    "ui.no_gradient_at_t": {
        "en": "Every contribution to this prediction is exactly 0: the model's softmax gives the "
              "right next character probability 1 to float64 precision, so J_t = 0 and nothing "
              "flows back.",
        "zh": "对这个预测的所有贡献都恰好为 0：模型的 softmax 在 float64 精度下给正确的下一个字符的"
              "概率为 1，所以 J_t = 0，没有梯度往回传。",
    },
    "ui.no_gradient_slopes_at_t": {
        "en": "Every contribution to this prediction is exactly 0, although J_t > 0: ∂J_t/∂h_t "
              "is not 0, but at step t the slope f′(z_t) is 0 for every unit it reaches (every "
              "ReLU unit switched off, for instance), so nothing passes back to any earlier "
              "character.",
        "zh": "对这个预测的所有贡献都恰好为 0，尽管 J_t > 0：∂J_t/∂h_t 不为 0，但在第 t 步，"
              "它所到达的每个单元的斜率 f′(z_t) 都为 0（例如所有 ReLU 单元都处于关闭状态），"
              "所以没有梯度传回任何更早的字符。",
    },
    "ui.no_gradient_other_t": {"en": "Choose another step t.", "zh": "换一个时间步 t 再看。"},
    "ui.no_gradient_anywhere": {"en": "The same holds at every step t of this text.",
                                "zh": "这段文本的每一个时间步 t 都是如此。"},
    "ui.heatmap": {"en": "Every pair (t, k)", "zh": "所有 (t, k) 对"},
    "chart.heat_title": {"en": "‖∂J_t/∂h_k‖₂ for every pair k ≤ t (log10 colour)",
                         "zh": "每一对 k ≤ t 的 ‖∂J_t/∂h_k‖₂（颜色为 log10）"},
    "chart.share_title": {"en": "Share of the ∂J/∂W_hh terms coming from beyond distance d",
                          "zh": "∂J/∂W_hh 各项中来自距离 d 之外的占比"},
    "axis.beyond_d": {"en": "d (characters back)", "zh": "d（往前回溯的字符数）"},
    "axis.share": {"en": "share beyond d", "zh": "d 之外的占比"},
    # ---- jacobian norms ----
    "ui.jacobian_intro": {
        "en": "The factor that carries the gradient from step t back to step k is the Jacobian "
              "product ∂h_t/∂h_k. The chart compares its measured spectral norm with two upper "
              "bounds: the lecture's (β_W β_h)^(t−k) and the tighter stepwise bound that uses "
              "the slopes actually reached on this text.",
        "zh": "把梯度从第 t 步带回第 k 步的因子是雅可比连乘积 ∂h_t/∂h_k。"
              "下图把它的实测谱范数与两个上界比较：讲义中的 (β_W β_h)^(t−k)，"
              "以及使用这段文本上实际斜率的更紧的逐步上界。",
    },
    "ctl.checkpoint": {"en": "Weights", "zh": "权重"},
    "ctl.checkpoint.help": {"en": "Analyse the weights before, during or after training.",
                            "zh": "分析训练前、训练中或训练后的权重。"},
    "ui.before_training": {"en": "before training", "zh": "训练前"},
    "ui.not_a_checkpoint": {
        "en": "The weights after step {step} are not kept in this run (its checkpoints: {steps}); "
              "the slider shows the last.",
        "zh": "这次训练没有保存第 {step} 步之后的权重（保存的检查点：{steps}）；滑块显示最后一个。",
    },
    "ui.after_training": {"en": "after training (step {n})", "zh": "训练后（第 {n} 步）"},
    "ui.at_step": {"en": "step {n}", "zh": "第 {n} 步"},
    "ctl.lecture_form": {"en": "Use the note's formula", "zh": "使用讲义中的公式"},
    "ctl.lecture_form.help": {
        "en": "Multiply W_hhᵀ diag(f′(h_{j−1})) as the lecture note writes, instead of the "
              "correct diag(f′(z_j)) W_hh. See the one-step chart below for where they differ.",
        "zh": "按讲义的写法连乘 W_hhᵀ diag(f′(h_{j−1}))，而不是正确的 diag(f′(z_j)) W_hh。"
              "两者在哪里不同，请看下方的单步图。",
    },
    "ui.rates": {"en": "Measured rate per step", "zh": "实测的每步速率"},
    "ui.rates.help": {
        "en": "Slope of ln ‖∂h_t/∂h_k‖₂ against t − k (fitted to the medians). The bound's "
              "rate is ln(β_W β_h) = {bound}: each step back can multiply a pair's norm by at "
              "most β_W β_h.",
        "zh": "ln ‖∂h_t/∂h_k‖₂ 对 t − k 的斜率（由中位数拟合）。上界的速率为 "
              "ln(β_W β_h) = {bound}：每往前回溯一步，每一对的范数最多乘以 β_W β_h。",
    },
    "q.measured": {"en": "measured ‖∂h_t/∂h_k‖₂", "zh": "实测 ‖∂h_t/∂h_k‖₂"},
    "q.measured_lecture": {"en": "measured, note's formula W_hhᵀ diag(f′(h_{j−1}))",
                           "zh": "实测（讲义公式 W_hhᵀ diag(f′(h_{j−1}))）"},
    "q.word_x": {"en": "Σ over the word of ‖∂J_t/∂x_k‖₂", "zh": "词内各字符 ‖∂J_t/∂x_k‖₂ 之和"},
    "q.stepwise_bound_lecture": {"en": "stepwise bound, note's form ∏ ‖W_hh‖₂ max|f′(h_{j−1})|",
                                 "zh": "逐步上界（讲义写法）∏ ‖W_hh‖₂ max|f′(h_{j−1})|"},
    "def.measured_lecture": {
        "en": "Measured, note's formula: the largest singular value of the product of "
              "W_hhᵀ diag(f′(h_{j−1})) over j = k+1, …, t: the slope taken at the previous state "
              "instead of the pre-activation z_j, which is what the note writes.",
        "zh": "实测（讲义公式）：对 j = k+1, …, t 连乘 W_hhᵀ diag(f′(h_{j−1})) 所得矩阵的最大奇异值；"
              "斜率取在上一步的状态处，而不是预激活 z_j 处，这正是讲义的写法。",
    },
    "def.stepwise_bound_lecture": {
        "en": "Stepwise bound, note's form: the product of ‖W_hh‖₂ max_i |f′(h_{j−1,i})| over "
              "the same steps; it bounds the note's product, not the true Jacobian.",
        "zh": "逐步上界（讲义写法）：在相同各步上连乘 ‖W_hh‖₂ max_i |f′(h_{j−1,i})|；"
              "它是讲义那个乘积的上界，而不是真正雅可比矩阵的上界。",
    },
    "q.stepwise_bound": {"en": "stepwise bound ∏ ‖W_hh‖₂ max|f′(z_j)|",
                         "zh": "逐步上界 ∏ ‖W_hh‖₂ max|f′(z_j)|"},
    "q.bound": {"en": "lecture's bound (β_W β_h)^(t−k)", "zh": "讲义上界 (β_W β_h)^(t−k)"},
    "chart.jacobian_title": {"en": "‖∂h_t/∂h_k‖₂ measured against its bounds, by distance t − k",
                             "zh": "‖∂h_t/∂h_k‖₂ 的实测值与上界，随距离 t − k 的变化"},
    "ui.pairs_sampled": {
        "en": "To stay fast at this hidden size, {n} pairs (t, k) from evenly spaced start "
              "steps k were computed, each exactly.",
        "zh": "为了在这个隐藏层大小下保持速度，只计算了起点 k 均匀分布的 {n} 对 (t, k)，每一对都是精确值。",
    },
    "chart.jheat_title": {"en": "Measured ‖∂h_t/∂h_k‖₂ for every pair k < t (log10 colour)",
                          "zh": "每一对 k < t 的实测 ‖∂h_t/∂h_k‖₂（颜色为 log10）"},
    "ui.one_step": {"en": "One step: the right Jacobian and the note's",
                    "zh": "单步：正确的雅可比矩阵与讲义中的写法"},
    "ui.one_step_intro": {
        "en": "Each step's Jacobian is diag(f′(z_j)) W_hh. Its transpose W_hhᵀ diag(f′(z_j)) "
              "is what back-propagation multiplies by and has exactly the same norm. The note "
              "evaluates f′ at h_{j−1} instead of z_j; that changes the numbers (except for the "
              "linear activation, where f′ = 1 everywhere).",
        "zh": "每一步的雅可比矩阵是 diag(f′(z_j)) W_hh。它的转置 W_hhᵀ diag(f′(z_j)) "
              "正是反向传播中相乘的矩阵，范数完全相同。讲义把 f′ 放在 h_{j−1} 处而不是 z_j 处求值，"
              "这会改变数值（线性激活除外，因为那时处处 f′ = 1）。",
    },
    "form.correct": {"en": "‖diag(f′(z_j)) W_hh‖₂ (correct)", "zh": "‖diag(f′(z_j)) W_hh‖₂（正确）"},
    "form.transpose": {"en": "‖W_hhᵀ diag(f′(z_j))‖₂ (transpose: same norm)",
                       "zh": "‖W_hhᵀ diag(f′(z_j))‖₂（转置：范数相同）"},
    "form.lecture": {"en": "‖W_hhᵀ diag(f′(h_{j−1}))‖₂ (the note)",
                     "zh": "‖W_hhᵀ diag(f′(h_{j−1}))‖₂（讲义）"},
    "axis.j": {"en": "step j", "zh": "第 j 步"},
    "axis.one_step": {"en": "norm of the one-step Jacobian", "zh": "单步雅可比矩阵的范数"},
    "chart.one_step_title": {"en": "Norm of each step's Jacobian, three ways",
                             "zh": "每一步雅可比矩阵的范数：三种写法"},
    "err.window_too_long": {
        "en": "This text has {chars} characters, fewer than one training window of the link "
              "needs ({needed} = batch × sequence length + 1). The default batch and sequence "
              "length are used instead.",
        "zh": "这段文本只有 {chars} 个字符，少于链接中一个训练窗口所需的 {needed} 个"
              "（批大小 × 序列长度 + 1）。已改用默认的批大小和序列长度。",
    },
    "ui.server": {
        "en": "Server: {started} training runs started, {running} running, {cached} kept "
              "({mb:.1f} MB).",
        "zh": "服务器：已启动 {started} 次训练，{running} 次正在运行，缓存 {cached} 个结果（{mb:.1f} MB）。",
    },
    # ---- the long-range task ----
    "ui.recall": {"en": "Does it remember the key d = {d} characters back?",
                  "zh": "它记得住 d = {d} 个字符之前的键吗？"},
    "ui.recall_acc": {"en": "Keys recalled", "zh": "答对的键"},
    "ui.recall_loss": {"en": "Loss on the keys (nats)", "zh": "键上的损失（奈特）"},
    "ui.vs_chance": {"en": "vs chance", "zh": "相对随机水平"},
    "def.recall": {
        "en": "Scored on a fresh text of the same task: at every position where the key must "
              "come back, is the model's most likely next character that key? Chance is 1/8.",
        "zh": "在同一任务新生成的文本上评分：在每个必须重复键的位置，模型认为最可能的下一个字符是不是那个键？"
              "随机水平为 1/8。",
    },
    "ctl.sweep": {"en": "Sweep the distance d", "zh": "扫描距离 d"},
    "ctl.sweep.help": {
        "en": "Train the same settings at d = 2, 5, 10, 15, 20, 30 and 45 and plot how many keys "
              "each recalls. Runs are shared with everyone who asks for the same ones.",
        "zh": "用同样的设置分别在 d = 2、5、10、15、20、30、45 上训练，并画出各自答对的键的比例。"
              "同样的训练任务会与所有人共享。",
    },
    "ui.sweeping": {"en": "Training one model per distance…", "zh": "正在为每个距离各训练一个模型……"},
    "chart.recall_title": {"en": "Keys recalled against the distance d they must be carried",
                           "zh": "答对的键的比例随需要记住的距离 d 的变化"},
    "axis.d": {"en": "dependency distance d (characters)", "zh": "依赖距离 d（字符）"},
    "axis.recall": {"en": "keys recalled", "zh": "答对的键"},
    # ---- the forward state, beside the gradient norm ----
    "chart.state_title": {"en": "Forward state: largest ‖h_T‖₂ in the batch (log scale)",
                          "zh": "前向状态：每步批内最大的 ‖h_T‖₂（对数坐标）"},
    "chart.few_pairs": {"en": "from here on, fewer than 5 pairs (t, k) per distance",
                        "zh": "从这里起，每个距离上的 (t, k) 对不足 5 个"},
    "axis.state_norm": {"en": "‖h_T‖₂", "zh": "‖h_T‖₂"},
    "def.state_norm": {
        "en": "‖h_T‖₂: the size of the hidden state at the end of each window (the largest "
              "over the batch). If it grows, the forward pass itself blows up (activations, "
              "not gradients); with tanh or the sigmoid it can never exceed √H.",
        "zh": "‖h_T‖₂：每个窗口结束时隐藏状态的大小（取批内最大值）。如果它在增长，说明是前向计算本身"
              "在爆炸（爆炸的是激活值，不是梯度）；用 tanh 或 sigmoid 时它永远不会超过 √H。",
    },
    # ---- alt texts: what each chart shows for this run, computed in rnnlab.captions ----
    "alt.empty": {"en": "{chart}: no finite values to show yet.",
                  "zh": "{chart}：暂时没有可显示的有限数值。"},
    "alt.loss": {
        "en": "Loss per training step: {first} nats at step 1, {last} (smoothed) after {steps} "
              "steps, below the chance level {chance}; highest {top} at step {top_step}.",
        "zh": "每个训练步的损失：第 1 步为 {first} 奈特，{steps} 步后（平滑）为 {last}，"
              "低于随机水平 {chance}；最高为第 {top_step} 步的 {top}。",
    },
    "alt.loss_above": {
        "en": "Loss per training step: {first} nats at step 1, {last} (smoothed) after {steps} "
              "steps, above the chance level {chance}: training failed; highest {top} at step "
              "{top_step}.",
        "zh": "每个训练步的损失：第 1 步为 {first} 奈特，{steps} 步后（平滑）为 {last}，"
              "高于随机水平 {chance}：训练失败了；最高为第 {top_step} 步的 {top}。",
    },
    "alt.loss_certain": {
        "en": "Loss per training step: the text has a single distinct character, so every next "
              "character is certain and the chance level ln|V| = ln 1 is 0; over all {steps} "
              "steps the loss is 0 up to float64 rounding (never more than {top} away from 0): "
              "there is nothing to learn.",
        "zh": "每个训练步的损失：这段文本只有一个不同的字符，每个下一个字符都是确定的，"
              "随机水平 ln|V| = ln 1 = 0；全部 {steps} 步的损失在 float64 的舍入误差以内都是 0"
              "（与 0 相差从不超过 {top}）：没有什么可学的。",
    },
    "alt.grad_norm_zero": {
        "en": "Gradient norm before clipping: exactly 0 at all {steps} steps, which a log scale "
              "cannot show; no step changed the weights.",
        "zh": "裁剪前的梯度范数：全部 {steps} 步都恰好为 0，对数坐标无法显示；没有哪一步改变了权重。",
    },
    "alt.grad_norm_from_zero": {
        "en": "Gradient norm before clipping, log scale: 0 at step 1 (not drawn, and no ratio "
              "to it), largest {top} at step {top_step}.",
        "zh": "裁剪前的梯度范数（对数坐标）：第 1 步为 0（图中不画，也无法与之相比），"
              "最大为第 {top_step} 步的 {top}。",
    },
    "alt.state_norm_only": {
        "en": "Forward state ‖h_T‖₂, log scale: {first} at step 1, largest {top}, {state_ratio} "
              "times the first.",
        "zh": "前向状态 ‖h_T‖₂（对数坐标）：第 1 步为 {first}，最大为 {top}，是第 1 步的 "
              "{state_ratio} 倍。",
    },
    "alt.state_norm_from_zero": {
        "en": "Forward state ‖h_T‖₂, log scale: 0 at step 1 (not drawn, and no ratio to it), "
              "largest {top}.",
        "zh": "前向状态 ‖h_T‖₂（对数坐标）：第 1 步为 0（图中不画，也无法与之相比），最大为 {top}。",
    },
    "alt.grad_ratio": {
        "en": "Over the same steps the gradient norm grew to {grad_ratio} times its first value.",
        "zh": "同一段时间里，梯度范数增长到第 1 步的 {grad_ratio} 倍。",
    },
    "alt.grad_ratio_zero": {"en": "The gradient norm was exactly 0 at every step.",
                            "zh": "梯度范数在每一步都恰好为 0。"},
    "alt.grad_ratio_undefined": {
        "en": "The gradient norm was 0 at step 1, so its growth has no ratio.",
        "zh": "梯度范数在第 1 步为 0，所以无法给出它增长的倍数。",
    },
    "alt.horizon_undefined": {"en": "undefined, since the median term at distance 0 is exactly 0",
                              "zh": "无定义，因为距离 0 处的中位数恰好为 0"},
    "alt.jacobian_zero": {
        "en": "Measured ‖∂h_t/∂h_k‖₂ is exactly 0 (median) at every distance from {d0} to {d}: "
              "for at least half the pairs at each distance the product of the one-step "
              "Jacobians is the zero matrix, so there is no fall or rise to describe, and no gap "
              "in orders of magnitude to the lecture's bound ({bound} at distance {d}).",
        "zh": "实测 ‖∂h_t/∂h_k‖₂ 的中位数在距离 {d0} 到 {d} 的每个距离上都恰好为 0："
              "每个距离上至少一半的 (t, k) 对，其单步雅可比矩阵的乘积是零矩阵，所以既谈不上下降或上升，"
              "也说不出它比讲义上界（距离 {d} 处为 {bound}）低几个数量级。",
    },
    "alt.jacobian_to_zero": {
        "en": "Measured ‖∂h_t/∂h_k‖₂ goes from {a} at distance {d0} to exactly 0 (median) at "
              "distance {d}: there, for at least half the pairs, the product of the one-step "
              "Jacobians is the zero matrix, so its gap to the lecture's bound ({bound}) has no "
              "size in orders of magnitude.",
        "zh": "实测 ‖∂h_t/∂h_k‖₂ 从距离 {d0} 处的 {a} 变为距离 {d} 处的恰好为 0（中位数）："
              "在那里，至少一半的 (t, k) 对，其单步雅可比矩阵的乘积是零矩阵，"
              "所以它与讲义上界（{bound}）的差距无法用数量级衡量。",
    },
    "alt.jacobian_flat": {
        "en": "Measured ‖∂h_t/∂h_k‖₂ stays at {a} over {steps} steps, {below} orders of "
              "magnitude under the lecture's bound ({bound} at distance {d}).",
        "zh": "实测 ‖∂h_t/∂h_k‖₂ 在 {steps} 步内保持在 {a}，比讲义上界低 {below} 个数量级"
              "（距离 {d} 处上界为 {bound}）。",
    },
    "alt.all_zero": {"en": "{chart}: all {n} values are exactly 0, which a log colour scale "
                           "cannot show.",
                     "zh": "{chart}：全部 {n} 个数值都恰好为 0，对数颜色刻度无法显示。"},
    "alt.share_undefined": {
        "en": "Share of the ∂J/∂W_hh terms from beyond distance d: undefined, since every term "
              "is exactly 0 and there is no total to divide by.",
        "zh": "∂J/∂W_hh 各项中来自距离 d 之外的占比：无定义，因为每一项都恰好为 0，没有可以相除的总量。",
    },
    "alt.grad_norm": {
        "en": "Gradient norm before clipping, log scale: {first} at step 1, largest {top} at "
              "step {top_step}, {ratio} times the first.",
        "zh": "裁剪前的梯度范数（对数坐标）：第 1 步为 {first}，最大为第 {top_step} 步的 {top}，"
              "是第 1 步的 {ratio} 倍。",
    },
    "alt.clipped": {"en": "{n} of {steps} steps were clipped to norm c = {c}.",
                    "zh": "{steps} 步中有 {n} 步被裁剪到范数 c = {c}。"},
    "alt.w_norm": {
        "en": "‖W_hh‖₂ goes from {w0} to {w1} by step {step}; the spectral radius r(W_hh) "
              "from {r0} to {r1}.",
        "zh": "到第 {step} 步，‖W_hh‖₂ 从 {w0} 变为 {w1}；谱半径 r(W_hh) 从 {r0} 变为 {r1}。",
    },
    "alt.state_norm": {
        "en": "Forward state ‖h_T‖₂, log scale: {first} at step 1, largest {top}, {state_ratio} "
              "times the first; over the same steps the gradient norm grew to {grad_ratio} "
              "times its first value.",
        "zh": "前向状态 ‖h_T‖₂（对数坐标）：第 1 步为 {first}，最大为 {top}，是第 1 步的 "
              "{state_ratio} 倍；同一段时间里，梯度范数增长到第 1 步的 {grad_ratio} 倍。",
    },
    "alt.distant": {
        "en": "Median {q} by distance, log scale: {near} at distance 0, {far} at distance {d}. "
              "Effective horizon: {horizon}.",
        "zh": "{q} 的中位数随距离的变化（对数坐标）：距离 0 处为 {near}，距离 {d} 处为 {far}。"
              "有效视野：{horizon}。",
    },
    "alt.jacobian_falls": {
        "en": "Measured ‖∂h_t/∂h_k‖₂ falls from {a} to {b} over {steps} steps, {below} orders "
              "of magnitude under the lecture's bound ({bound} at distance {d}).",
        "zh": "实测 ‖∂h_t/∂h_k‖₂ 在 {steps} 步内从 {a} 降到 {b}，比讲义上界低 {below} 个数量级"
              "（距离 {d} 处上界为 {bound}）。",
    },
    "alt.jacobian_rises": {
        "en": "Measured ‖∂h_t/∂h_k‖₂ rises from {a} to {b} over {steps} steps, {below} orders "
              "of magnitude under the lecture's bound ({bound} at distance {d}).",
        "zh": "实测 ‖∂h_t/∂h_k‖₂ 在 {steps} 步内从 {a} 升到 {b}，比讲义上界低 {below} 个数量级"
              "（距离 {d} 处上界为 {bound}）。",
    },
    "alt.heatmap": {
        "en": "{q} for {n} pairs (t, k), log colour: largest {hi} at t = {hi_t}, k = {hi_k}; "
              "smallest non-zero {lo} at t = {lo_t}, k = {lo_k}.",
        "zh": "{n} 对 (t, k) 的 {q}，颜色为对数：最大值 {hi} 在 t = {hi_t}、k = {hi_k} 处；"
              "最小的非零值 {lo} 在 t = {lo_t}、k = {lo_k} 处。",
    },
    "alt.shading": {"en": "The analysed text, shaded by contribution to the prediction at "
                          "t = {t}. Largest: {top}.",
                    "zh": "所分析的文本，按对第 t = {t} 步预测的贡献着色。贡献最大的：{top}。"},
    "alt.share": {"en": "Share of the ∂J/∂W_hh terms from beyond distance d: {values}.",
                  "zh": "∂J/∂W_hh 各项中来自距离 d 之外的占比：{values}。"},
    "alt.one_step": {
        "en": "Norm of each of the {n} one-step Jacobians: the true ‖diag(f′(z_j)) W_hh‖₂ has "
              "median {correct} (from {lo} to {hi}); the note's form has median {lecture}.",
        "zh": "{n} 个单步雅可比矩阵各自的范数：正确的 ‖diag(f′(z_j)) W_hh‖₂ 中位数为 {correct}"
              "（范围 {lo} 到 {hi}）；讲义写法的中位数为 {lecture}。",
    },
    "alt.recall": {"en": "Keys recalled by distance: {values} (chance {chance}).",
                   "zh": "各距离上答对的键的比例：{values}（随机水平 {chance}）。"},
}
