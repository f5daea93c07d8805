"""Every user-visible string of the lab, in English and simplified Chinese.

STRINGS maps a key to {"en": ..., "zh": ...}; `t(key, lang, **params)` looks one up and fills its
str.format placeholders. Keys are grouped by prefix (option., err., cfg., verdict., preset., def.);
to add a string, add one entry with both languages, and tests/test_i18n.py checks the rest.
"""

from __future__ import annotations

from rnnlab.i18n_app import APP_STRINGS

LANGS = ("en", "zh")

STRINGS: dict[str, dict[str, str]] = {
    # ---- option labels: language-neutral codes -> display names (see option_label) ----
    "option.act.sigmoid": {"en": "sigmoid σ", "zh": "sigmoid σ"},
    "option.act.tanh": {"en": "tanh", "zh": "tanh"},
    "option.act.relu": {"en": "ReLU", "zh": "ReLU"},
    "option.act.linear": {"en": "linear (identity)", "zh": "线性（恒等映射）"},
    "option.init.gaussian": {"en": "Gaussian N(0, 1/H)", "zh": "高斯随机 N(0, 1/H)"},
    "option.init.orthogonal": {"en": "orthogonal", "zh": "正交矩阵"},
    "option.init.identity": {"en": "identity (IRNN)", "zh": "单位矩阵（IRNN）"},
    "option.opt.sgd": {"en": "SGD", "zh": "SGD（随机梯度下降）"},
    "option.opt.adagrad": {"en": "Adagrad", "zh": "Adagrad"},
    "option.opt.adam": {"en": "Adam", "zh": "Adam"},
    "option.clip.none": {"en": "no clipping", "zh": "不裁剪"},
    "option.clip.value": {"en": "element-wise ±c", "zh": "逐元素裁剪到 ±c"},
    "option.clip.norm": {"en": "global norm", "zh": "按全局范数裁剪"},
    "option.corpus.english": {"en": "English text", "zh": "英文文本"},
    "option.corpus.chinese": {"en": "Chinese text", "zh": "中文文本"},
    "option.corpus.longrange": {"en": "synthetic long-range", "zh": "合成长程依赖语料"},
    "option.corpus.upload": {"en": "upload your own", "zh": "上传自己的文本"},
    # a language is always named in itself, whatever the page language
    "option.lang.en": {"en": "English", "zh": "English"},
    "option.lang.zh": {"en": "中文", "zh": "中文"},
    # ---- corpus errors ----
    "err.empty": {
        "en": "The file is empty: there is no text to learn from. Upload a .txt file with some text.",
        "zh": "文件是空的，没有可学习的文本。请上传一个含有文字的 .txt 文件。",
    },
    "err.binary": {
        "en": "This file looks binary ({kind}), not like plain text. "
              "Please upload a UTF-8 .txt file.",
        "zh": "这个文件看起来是二进制文件（{kind}），而不是纯文本。"
              "请上传 UTF-8 编码的 .txt 文件。",
    },
    "err.not_utf8": {
        "en": "The file is not valid UTF-8 text. Save it with UTF-8 encoding and try again.",
        "zh": "文件不是有效的 UTF-8 文本。请以 UTF-8 编码另存后再试。",
    },
    "err.too_short": {
        "en": "The text has {chars} characters; one training window needs at least {needed}.",
        "zh": "语料只有 {chars} 个字符，训练至少需要 {needed} 个。",
    },
    "err.too_large": {
        "en": "The file is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit.",
        "zh": "文件大小为 {size_mb:.1f} MB，超过了 {limit_mb:.0f} MB 的上限。",
    },
    "err.unknown_corpus": {
        "en": "Unknown corpus. Choose one of the built-in corpora or upload a text file.",
        "zh": "未知的语料。请选择一个内置语料，或上传一个文本文件。",
    },
    # ---- training ----
    "diverged": {
        "en": "Training diverged at step {step}: the loss or a gradient became NaN/infinite. "
              "The curves stop there; the analysis uses the last finite parameters. "
              "This is what exploding gradients look like: one huge update throws the weights "
              "far away. To tame it, lower the learning rate, turn on gradient clipping, "
              "or lower ‖W_hh‖₂.",
        "zh": "训练在第 {step} 步发散：损失或某个梯度变成了 NaN 或无穷大。曲线在这里中断，"
              "后面的分析使用最后一组有限的参数。这正是梯度爆炸的样子：一次过大的更新把权重甩到了很远的地方。"
              "可以试试调低学习率、打开梯度裁剪，或者减小 ‖W_hh‖₂。",
    },
    # ---- configuration and link validation ----
    "cfg.out_of_range": {
        "en": "{name} must be between {lo} and {hi}; got {value}.",
        "zh": "{name} 应在 {lo} 到 {hi} 之间，当前值为 {value}。",
    },
    "cfg.not_a_number": {
        "en": "{name} must be a number; got “{value}”.",
        "zh": "{name} 必须是数字，收到的却是“{value}”。",
    },
    "cfg.unknown_choice": {
        "en": "{name} must be one of {choices}; got “{value}”.",
        "zh": "{name} 只能取 {choices} 之一，收到的却是“{value}”。",
    },
    "url.ignored": {
        "en": "Some link parameters were not understood and were reset to defaults: {names}",
        "zh": "链接中有些参数无法识别，已恢复为默认值：{names}",
    },
    # ---- regime verdicts ----
    "verdict.vanishing_guaranteed": {
        "en": "β_W β_h = {prod:.3g} < 1: the bound forces ‖∂h_t/∂h_k‖ to shrink at least as fast "
              "as {prod:.3g}^(t−k) — vanishing is guaranteed.",
        "zh": "β_W β_h = {prod:.3g} < 1：上界迫使 ‖∂h_t/∂h_k‖ 至少按 {prod:.3g}^(t−k) 的速度衰减"
              "——梯度消失是必然的。",
    },
    "verdict.bound_silent": {
        "en": "β_W β_h = {prod:.3g} ≥ 1: the bound allows growth, but proves nothing; whether "
              "gradients vanish or explode is decided by the measured curve.",
        "zh": "β_W β_h = {prod:.3g} ≥ 1：上界允许增长，但什么也证明不了；"
              "梯度究竟是消失还是爆炸，要看实测曲线。",
    },
    "verdict.sigmoid_note": {
        "en": "For the sigmoid β_h = 1/4 (σ′ peaks at z = 0, where it equals 1/4), so any "
              "‖W_hh‖₂ < 4 already guarantees vanishing.",
        "zh": "对 sigmoid 来说 β_h = 1/4（σ′ 在 z = 0 处取到最大值 1/4），"
              "所以只要 ‖W_hh‖₂ < 4，梯度消失就已成定局。",
    },
    # ---- lesson presets ----
    "preset.lecture.name": {"en": "The lecture's RNN (sigmoid)", "zh": "讲义中的 RNN（sigmoid）"},
    "preset.lecture.desc": {
        "en": "The network of the lecture note: a sigmoid RNN with ‖W_hh‖₂ = 1 at the start. "
              "Since σ′ ≤ 1/4, β_W β_h = 1/4 < 1 before training, so vanishing is guaranteed. "
              "Training pushes ‖W_hh‖₂ far above 4: afterwards the bound guarantees nothing, yet "
              "the measured ‖∂h_t/∂h_k‖₂ still collapses within a few characters (compare the "
              "two checkpoints in tab ③). The model learns local spelling, nothing that needs a "
              "longer memory.",
        "zh": "讲义里的网络：sigmoid 激活，初始时 ‖W_hh‖₂ = 1。由于 σ′ ≤ 1/4，训练前 "
              "β_W β_h = 1/4 < 1，梯度消失是必然的。训练会把 ‖W_hh‖₂ 推到远大于 4：此后上界什么也保证不了，"
              "但实测的 ‖∂h_t/∂h_k‖₂ 仍在几个字符之内就衰减殆尽（在第③页比较两个检查点）。"
              "模型学到的是局部拼写，学不到任何需要更长记忆的东西。",
    },
    "preset.edge.name": {
        "en": "At the edge (tanh, orthogonal)",
        "zh": "临界状态（tanh + 正交初始化）",
    },
    "preset.edge.desc": {
        "en": "A tanh RNN whose W_hh starts orthogonal: every singular value is 1, so "
              "‖W_hh‖₂ ≈ 1 and β_W β_h ≈ 1. The bound no longer forces vanishing, and how fast "
              "the gradient fades now depends on how saturated the units are (tanh′ < 1 away "
              "from 0). Contributions reach much further back than in the lecture preset. "
              "Watch ‖W_hh‖₂ drift away from 1 as training proceeds.",
        "zh": "W_hh 以正交矩阵初始化的 tanh RNN：所有奇异值都等于 1，因此 ‖W_hh‖₂ ≈ 1，"
              "β_W β_h ≈ 1。上界不再强制梯度消失，梯度衰减得多快，取决于各单元的饱和程度"
              "（z 离 0 越远，tanh′ 越小）。远处字符的贡献比讲义预设能传得远得多。"
              "训练过程中，留意 ‖W_hh‖₂ 如何逐渐偏离 1。",
    },
    "preset.exploding.name": {"en": "Exploding (large ‖W_hh‖₂)", "zh": "梯度爆炸（‖W_hh‖₂ 较大）"},
    "preset.exploding.desc": {
        "en": "A ReLU (or linear) RNN with ‖W_hh‖₂ well above 1 and no clipping. Active units "
              "pass W_hh through at full strength, so the Jacobian products can grow "
              "geometrically with distance. The gradient norm spikes, single updates throw the "
              "weights far away, and training blows up or diverges to NaN. Compare it with the "
              "clipped preset.",
        "zh": "‖W_hh‖₂ 明显大于 1、且不做梯度裁剪的 ReLU（或线性）RNN。处于激活状态的单元会把 W_hh "
              "原封不动地传下去，所以雅可比连乘积可能随距离按指数增长。梯度范数骤然飙升，"
              "一次更新就能把权重甩得很远，训练随之崩溃，甚至出现 NaN。可以和“裁剪”预设对照着看。",
    },
    "preset.clipped.name": {"en": "Exploding, but clipped", "zh": "梯度爆炸 + 裁剪"},
    "preset.clipped.desc": {
        "en": "The same network as the exploding preset, now with global-norm gradient clipping "
              "(Pascanu, Mikolov & Bengio 2013): whenever ‖∂J/∂θ‖₂ exceeds the threshold c, the "
              "whole gradient is rescaled to norm c. Its direction is kept; only the step length "
              "is capped. Training survives, yet the Jacobian products stay large: clipping "
              "treats the symptom, not the cause.",
        "zh": "与“梯度爆炸”预设相同的网络，但加上了按全局范数的梯度裁剪"
              "（Pascanu、Mikolov 与 Bengio，2013）：一旦 ‖∂J/∂θ‖₂ 超过阈值 c，"
              "就把整个梯度等比例缩放到范数为 c。方向保持不变，只限制了步长。"
              "训练得以进行下去，但雅可比连乘积依然很大——裁剪治标不治本。",
    },
    "preset.irnn.name": {
        "en": "IRNN (identity-initialised ReLU)",
        "zh": "IRNN（单位矩阵初始化的 ReLU）",
    },
    "preset.irnn.desc": {
        "en": "The recipe of Le, Jaitly & Hinton (2015): a ReLU RNN whose W_hh starts as the "
              "identity matrix. At first every active unit simply copies its value forward, so "
              "each one-step Jacobian is a 0/1 diagonal mask and ‖∂h_t/∂h_k‖₂ stays at 1 as long "
              "as some unit stays active along the way. Signals from far back reach the loss "
              "undiminished: a very simple trick that lets a plain RNN remember much longer.",
        "zh": "Le、Jaitly 与 Hinton（2015）提出的做法：W_hh 初始化为单位矩阵的 ReLU RNN。"
              "一开始，每个激活的单元只是把自己的值原样向后传，因此每一步的雅可比矩阵都是由 0 和 1 "
              "组成的对角掩码；只要沿途始终有单元保持激活，‖∂h_t/∂h_k‖₂ 就一直等于 1。"
              "远处的信号可以毫无衰减地传到损失上——一个很简单的技巧，却能让普通 RNN 记得久得多。",
    },
    "preset.longrange.name": {"en": "Long-range test", "zh": "长程依赖测试"},
    "preset.longrange.desc": {
        "en": "A synthetic corpus with a dependency across a controlled distance: a character "
              "early in a sequence decides one much later, with random filler in between. Up to "
              "some distance the model learns to predict it; beyond that, its loss on those "
              "characters stays at chance, because the gradient from so far back has vanished. "
              "Compare where that happens with the effective horizon.",
        "zh": "一份合成语料，其中的依赖跨越一段可控的距离："
              "序列前面的某个字符决定了很远之后的另一个字符，"
              "中间填充随机字符。在一定距离以内，模型能学会预测它；超过这个距离，"
              "模型在这些字符上的损失就停留在随机水平，因为来自那么远的梯度已经消失了。"
              "把这个距离和有效视野对比一下。",
    },
    # ---- definitions shown under the charts ----
    "def.loss": {
        "en": "Loss J: the mean cross-entropy per character, −ln ŷ_t[y_t] averaged over all "
              "steps, in nats. Guessing uniformly scores ln|V| (chance level), where |V| is the "
              "vocabulary size.",
        "zh": "损失 J：每个字符的平均交叉熵，即 −ln ŷ_t[y_t] 在所有时间步上的平均，单位为奈特（nat）。"
              "均匀乱猜得到 ln|V|（随机水平），|V| 为词表大小。",
    },
    "def.grad_norm": {
        "en": "Gradient norm ‖∂J/∂θ‖₂: the global norm of the gradient over all parameters "
              "θ = (W_hx, W_hh, b_h, W_S, b_y), i.e. the square root of the sum of all squared "
              "entries, measured before clipping.",
        "zh": "梯度范数 ‖∂J/∂θ‖₂：全部参数 θ = (W_hx, W_hh, b_h, W_S, b_y) 上梯度的全局范数，"
              "即所有分量平方和的平方根，在裁剪之前测量。",
    },
    "def.w_norm": {
        "en": "‖W_hh‖₂: the spectral norm of W_hh, its largest singular value (this is β_W in "
              "the bound). ρ(W_hh): the spectral radius, its largest |eigenvalue|. Always "
              "ρ(W_hh) ≤ ‖W_hh‖₂, with equality e.g. for symmetric or orthogonal W_hh. Both "
              "describe the weights a step starts from (step 1: the initialisation), measured "
              "at up to 150 evenly spaced steps.",
        "zh": "‖W_hh‖₂：W_hh 的谱范数，即它最大的奇异值（也就是上界中的 β_W）。"
              "ρ(W_hh)：谱半径，即特征值绝对值的最大者。总有 ρ(W_hh) ≤ ‖W_hh‖₂，"
              "例如 W_hh 为对称矩阵或正交矩阵时两者相等。两者描述的都是某一步开始时的权重"
              "（第 1 步即初始化的权重），最多在 150 个均匀分布的步上测量。",
    },
    "def.grad_h": {
        "en": "‖∂J_t/∂h_k‖₂: the norm of the gradient of the loss at step t with respect to "
              "the hidden state at an earlier step k ≤ t.",
        "zh": "‖∂J_t/∂h_k‖₂：第 t 步的损失对更早的第 k 步（k ≤ t）隐藏状态的梯度的范数。",
    },
    "def.grad_x": {
        "en": "‖∂J_t/∂x_k‖₂: the norm of the gradient of the loss at step t with respect to the "
              "one-hot input x_k: how much the character read at step k still moves the "
              "prediction at step t.",
        "zh": "‖∂J_t/∂x_k‖₂：第 t 步的损失对第 k 步独热（one-hot）输入 x_k 的梯度的范数，"
              "衡量第 k 步读入的字符对第 t 步的预测还有多大影响。",
    },
    "def.grad_W": {
        "en": "‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F: the Frobenius norm of the step-k term of ∂J_t/∂W_hh in "
              "the chain rule — what step k contributes to the update of W_hh for the prediction "
              "at step t.",
        "zh": "‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F：链式法则中 ∂J_t/∂W_hh 的第 k 项的 Frobenius 范数"
              "——为了第 t 步的预测，第 k 步对 W_hh 的更新贡献了多少。",
    },
    "def.measured": {
        "en": "Measured ‖∂h_t/∂h_k‖₂: the largest singular value of the product of the one-step "
              "Jacobians diag(f′(z_j)) W_hh for j = k+1, …, t, on the actual sequence.",
        "zh": "实测 ‖∂h_t/∂h_k‖₂：在实际序列上，把 j = k+1, …, t 的单步雅可比矩阵 "
              "diag(f′(z_j)) W_hh 连乘起来，取乘积的最大奇异值。",
    },
    "def.stepwise_bound": {
        "en": "Stepwise bound: the product ∏ ‖W_hh‖₂ max_i |f′(z_{j,i})| over the steps "
              "j = k+1, …, t, which uses the largest slope actually reached at each step. "
              "The measured curve never rises above it.",
        "zh": "逐步上界：对 j = k+1, …, t 逐步连乘 ‖W_hh‖₂ max_i |f′(z_{j,i})|，"
              "每一步都用实际达到的最大斜率。实测曲线永远不会超过它。",
    },
    "def.bound": {
        "en": "Bound (β_W β_h)^(t−k), with β_W = ‖W_hh‖₂ and β_h = sup |f′| (1/4 for the "
              "sigmoid, 1 for tanh, ReLU and linear): the worst case over all inputs.",
        "zh": "上界 (β_W β_h)^(t−k)，其中 β_W = ‖W_hh‖₂，β_h = sup |f′|"
              "（sigmoid 为 1/4，tanh、ReLU 和线性均为 1）：对所有输入而言的最坏情况。",
    },
    "def.horizon": {
        "en": "Effective horizon: the first distance t−k at which the median size of the "
              "∂J_t/∂W_hh term, ‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F, falls below 10⁻³ of its median at "
              "distance 0.",
        "zh": "有效视野：∂J_t/∂W_hh 中第 k 项的大小 ‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F 的中位数，"
              "首次降到距离 0 处中位数的 10⁻³ 以下时的距离 t−k。",
    },
    "def.share_beyond": {
        "en": "Share beyond d: of the summed sizes Σ‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F of all the terms "
              "of ∂J/∂W_hh, the part from distances t−k > d (terms can partly cancel, so this "
              "is not a fraction of ‖∂J/∂W_hh‖ itself).",
        "zh": "d 之外的占比：在 ∂J/∂W_hh 所有项的大小之和 Σ‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F 中，"
              "来自距离 t−k > d 的部分（各项之间可能部分抵消，所以它不是 ‖∂J/∂W_hh‖ 本身的比例）。",
    },
}

STRINGS.update(APP_STRINGS)


def t(key: str, lang: str = "en", **params) -> str:
    """The string `key` in `lang` (English if `lang` is unknown), formatted with `params`.

    Never raises: an unknown key comes back as the key itself, and a template whose placeholders
    the params do not fill comes back unformatted, so a slip shows on screen instead of crashing.
    """
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang, entry["en"])
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, TypeError):
        return text


def option_label(kind: str, code: str, lang: str) -> str:
    """Display label of a language-neutral option code, e.g. ("clip", "norm") -> "global norm"."""
    key = f"option.{kind}.{code}"
    return t(key, lang) if key in STRINGS else code
