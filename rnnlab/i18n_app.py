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
    "ui.coming": {"en": "This analysis appears here once training has finished.",
                  "zh": "训练结束后，这里会显示分析结果。"},
    "ui.queued": {"en": "Waiting for a free training slot (the server trains two runs at a "
                        "time)…",
                  "zh": "正在排队等待空闲的训练位置（服务器同时最多训练两个任务）……"},
    "ui.training_now": {"en": "Training… the curves update live.",
                        "zh": "训练中……曲线实时更新。"},
    "ui.progress": {"en": "step {step} of {steps}", "zh": "第 {step} 步，共 {steps} 步"},
    "ui.trained": {
        "en": "Trained {steps} steps. Smoothed loss now {loss:.3f} nats per character "
              "(chance level ln|V| = {chance:.3f}).",
        "zh": "已训练 {steps} 步。平滑后的损失为每字符 {loss:.3f} 奈特"
              "（随机水平 ln|V| = {chance:.3f}）。",
    },
    "ui.run_failed": {"en": "Training could not run: {error}",
                      "zh": "训练无法进行：{error}"},
    "ui.upload_first": {
        "en": "Choose a .txt file to upload in the sidebar. Until then the lab uses the "
              "English text.",
        "zh": "请在侧边栏选择一个 .txt 文件上传。在此之前，实验室使用英文文本。",
    },
    "ui.using_english": {"en": "The lab uses the English text instead.",
                         "zh": "实验室改用英文文本。"},
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
        "en": "This combination is too heavy for a shared classroom server ({work:.2g} "
              "multiply-adds; the limit is {limit:.2g}). Lower the hidden size, the sequence "
              "length, the batch or the number of steps. The defaults are shown instead.",
        "zh": "这组设置对共享的课堂服务器来说计算量太大（{work:.2g} 次乘加，上限为 {limit:.2g}）。"
              "请减小隐藏层大小、序列长度、批大小或训练步数。下面显示的是默认设置的结果。",
    },
    # ---- controls ----
    "ctl.lang": {"en": "Language", "zh": "语言"},
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
        "en": "Plain UTF-8 text. The 300 most frequent characters are kept; rarer ones become "
              "one unknown symbol.",
        "zh": "纯 UTF-8 文本。保留出现最频繁的 300 个字符，其余字符统一记为一个未知符号。",
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
    "ctl.rho": {"en": "‖W_hh‖₂ at initialisation (β_W)", "zh": "初始化时的 ‖W_hh‖₂(β_W)"},
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
    "chart.w_title": {"en": "‖W_hh‖₂ and spectral radius ρ(W_hh) during training",
                      "zh": "训练过程中的 ‖W_hh‖₂ 与谱半径 ρ(W_hh)"},
    "chart.w_norm": {"en": "‖W_hh‖₂ (largest singular value)", "zh": "‖W_hh‖₂（最大奇异值）"},
    "chart.rho": {"en": "ρ(W_hh) (largest |eigenvalue|)", "zh": "ρ(W_hh)（最大特征值模）"},
    "axis.step": {"en": "training step", "zh": "训练步"},
    "axis.loss": {"en": "J (nats per character)", "zh": "J（每字符奈特）"},
    "axis.grad_norm": {"en": "‖∂J/∂θ‖₂", "zh": "‖∂J/∂θ‖₂"},
    "axis.w_norm": {"en": "value", "zh": "数值"},
    "axis.distance": {"en": "distance t − k (steps back)", "zh": "距离 t − k（向前的步数）"},
    "axis.t": {"en": "t (predicting step)", "zh": "t（预测所在步）"},
    "axis.k": {"en": "k (earlier step)", "zh": "k（更早的步）"},
}
