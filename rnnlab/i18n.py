"""Every user-visible string of the lab, in English and simplified Chinese.

STRINGS maps a key to {"en": ..., "zh": ...}; `t(key, lang, **params)` looks one up and fills its
str.format placeholders. Keys are grouped by prefix (option., err., cfg., verdict., preset., def.);
to add a string, add one entry with both languages, and tests/test_i18n.py checks the rest.
"""

from __future__ import annotations

from rnnlab.i18n_app import APP_STRINGS
from rnnlab.i18n_cells import CELL_STRINGS
from rnnlab.i18n_experiments import EXPERIMENT_STRINGS

LANGS = ("en", "zh")

STRINGS: dict[str, dict[str, str]] = {
    # ---- option labels: language-neutral codes -> display names (see option_label) ----
    "option.act.sigmoid": {"en": "sigmoid σ", "zh": "sigmoid σ"},
    "option.act.tanh": {"en": "tanh", "zh": "tanh"},
    "option.act.relu": {"en": "ReLU", "zh": "ReLU"},
    "option.act.linear": {"en": "linear (identity)", "zh": "线性（恒等映射）"},
    "option.init.gaussian": {"en": "Gaussian, rescaled", "zh": "高斯随机（再缩放）"},
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
        "en": "The file has {size:,} bytes, more than the {limit_mb:g} MB limit "
              "({limit:,} bytes).",
        "zh": "文件有 {size:,} 字节，超过了 {limit_mb:g} MB 的上限（{limit:,} 字节）。",
    },
    "err.unknown_corpus": {
        "en": "Unknown corpus. Choose one of the built-in corpora or upload a text file.",
        "zh": "未知的语料。请选择一个内置语料，或上传一个文本文件。",
    },
    # ---- training ----
    "diverged": {
        "en": "Training diverged at step {step}: the loss, a gradient or the hidden state became "
              "NaN or infinite. The curves stop there; the analysis uses the last finite "
              "parameters. Compare the forward state ‖h_T‖₂ with the gradient norm: if the state "
              "grew window after window, the activations blew up (a carried state with ReLU or "
              "the linear activation); if the gradient norm spiked while the state stayed "
              "bounded, the gradient exploded. Lower the learning rate, clip the gradient, lower "
              "‖W_hh‖₂, or start every window from h₀ = 0.",
        "zh": "训练在第 {step} 步发散：损失、某个梯度或隐藏状态变成了 NaN 或无穷大。曲线在这里中断，"
              "后面的分析使用最后一组有限的参数。请对照前向状态 ‖h_T‖₂ 和梯度范数：如果状态一个窗口"
              "接一个窗口地增长，爆炸的是激活值（ReLU 或线性激活，且状态跨窗口延续）；如果梯度范数骤增"
              "而状态保持有界，爆炸的才是梯度。可以调低学习率、打开梯度裁剪、减小 ‖W_hh‖₂，"
              "或者让每个窗口都从 h₀ = 0 开始。",
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
    "cfg.off_grid": {
        "en": "{name} must be one of {choices}; got {value}.",
        "zh": "{name} 只能取 {choices} 之一，当前值为 {value}。",
    },
    # ---- a link's values the page could not use as written (rnnlab.config.decode) ----
    "link.intro": {
        "en": "This link has settings the page could not use as written:",
        "zh": "这个链接里有些设置无法按原样使用：",
    },
    "link.what": {
        "en": "“{label}” ({name}=“{value}”)",
        "zh": "“{label}”（{name}=“{value}”）",
    },
    "link.used_auto": {"en": "its usual choice (the last one)", "zh": "默认的选择（最后一个）"},
    "link.used_empty": {"en": "an empty box", "zh": "空白输入框"},
    "value.too_long": {
        "en": "{what} is {length} characters long, more than the {max} it can take; "
              "the page uses {used}.",
        "zh": "{what} 长 {length} 个字符，超过了最多 {max} 个字符；页面使用 {used}。",
    },
    "value.empty": {"en": "{what} is empty; the page uses {used}.",
                    "zh": "{what} 是空的；页面使用 {used}。"},
    "value.unknown_choice": {
        "en": "{what} is not one of {choices}; the page uses {used}.",
        "zh": "{what} 不是 {choices} 之一；页面使用 {used}。",
    },
    "value.not_a_flag": {"en": "{what} is neither true nor false; the page uses {used}.",
                         "zh": "{what} 既不是 true 也不是 false；页面使用 {used}。"},
    "value.not_a_number": {
        "en": "{what} is not a number written with the digits 0-9; the page uses {used}.",
        "zh": "{what} 不是用数字 0–9 写成的数；页面使用 {used}。",
    },
    "value.not_whole": {"en": "{what} is not a whole number; the page uses {used}.",
                        "zh": "{what} 不是整数；页面使用 {used}。"},
    "value.out_of_range": {
        "en": "{what} is outside {lo} to {hi}; the page uses {used}.",
        "zh": "{what} 不在 {lo} 到 {hi} 之间；页面使用 {used}。",
    },
    "value.off_grid": {
        "en": "{what} is not one of the slider's stops ({choices}); the page uses {used}.",
        "zh": "{what} 不是滑块上的刻度（{choices}）之一；页面使用 {used}。",
    },
    "value.repeated": {
        "en": "{what} is given {count} times; the page reads the last one and uses {used}.",
        "zh": "{what} 出现了 {count} 次；页面读取最后一个，使用 {used}。",
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
              "Training pushes ‖W_hh‖₂ above 4: afterwards the bound guarantees nothing, yet the "
              "measured ‖∂h_t/∂h_k‖₂ still decays with distance at each of the five checkpoints "
              "in tab ③, and the effective horizon stays within about ten characters.",
        "zh": "讲义里的网络：sigmoid 激活，初始时 ‖W_hh‖₂ = 1。由于 σ′ ≤ 1/4，训练前 "
              "β_W β_h = 1/4 < 1，梯度消失是必然的。训练会把 ‖W_hh‖₂ 推到 4 以上：此后上界什么也保证"
              "不了，但在第③页的五个检查点上，实测的 ‖∂h_t/∂h_k‖₂ 都仍随距离衰减，"
              "有效视野始终在十个字符左右以内。",
    },
    "preset.edge.name": {
        "en": "At the edge (tanh, orthogonal)",
        "zh": "临界状态（tanh + 正交初始化）",
    },
    "preset.edge.desc": {
        "en": "A tanh RNN whose W_hh starts orthogonal: every singular value is 1, so "
              "β_W β_h = 1 and the bound no longer forces vanishing. Because tanh′ < 1 away "
              "from 0, the measured product still shrinks, slowly: before training by a few per "
              "cent a step, so the terms of ∂J_t/∂W_hh stay above 10⁻³ of the nearest ones "
              "across the whole analysed text (the horizon lies beyond it), where the lecture "
              "preset's horizon is a few characters. Training moves ‖W_hh‖₂ well away from 1 "
              "and the horizon shrinks to a couple of dozen characters or less.",
        "zh": "W_hh 以正交矩阵初始化的 tanh RNN：所有奇异值都等于 1，因此 β_W β_h = 1，"
              "上界不再强制梯度消失。由于 z 不为 0 时 tanh′ < 1，实测的乘积仍会缩小，只是很慢："
              "训练前每步只缩小百分之几，所以在整段分析文本上，∂J_t/∂W_hh 的各项都保持在最近那些项的 "
              "10⁻³ 以上（有效视野超出了文本），而讲义预设的有效视野只有几个字符。"
              "训练会让 ‖W_hh‖₂ 明显偏离 1，有效视野也缩短到二十来个字符以内。",
    },
    "preset.exploding.name": {"en": "Exploding gradients (tanh, ‖W_hh‖₂ = 4)",
                              "zh": "梯度爆炸（tanh，‖W_hh‖₂ = 4）"},
    "preset.exploding.desc": {
        "en": "A tanh RNN with ‖W_hh‖₂ = 4, trained by plain SGD (learning rate 1.25) without "
              "clipping. tanh keeps every unit inside (−1, 1), so the forward state cannot blow "
              "up: ‖h_T‖₂ stays below √H (see its chart). The back-propagated product "
              "∂h_t/∂h_k, however, grows with distance at these weights (tab ③, before "
              "training), and the gradient norm spikes to more than a hundred times its first "
              "value. The huge steps throw the weights far away: the loss ends above chance "
              "level, worse than guessing. The clipped lesson is this very run with clipping.",
        "zh": "‖W_hh‖₂ = 4 的 tanh RNN，用普通 SGD（学习率 1.25）训练，不做梯度裁剪。tanh 把每个单元"
              "限制在 (−1, 1) 之内，所以前向状态不可能爆炸：‖h_T‖₂ 始终小于 √H（见它的图）。"
              "但在这组权重下，反向传播的乘积 ∂h_t/∂h_k 随距离增长（第③页，训练前），"
              "梯度范数骤增到第一步的一百倍以上。过大的步长把权重甩得很远：损失最终高于随机水平，"
              "比瞎猜还差。“梯度爆炸 + 裁剪”预设就是加上裁剪的同一次训练。",
    },
    "preset.clipped.name": {"en": "Exploding, but clipped", "zh": "梯度爆炸 + 裁剪"},
    "preset.clipped.desc": {
        "en": "The exploding lesson's run, same seed and settings, with one difference: "
              "global-norm gradient clipping at c = 1 (Pascanu, Mikolov & Bengio 2013). "
              "Whenever ‖∂J/∂θ‖₂ exceeds c, the whole gradient is rescaled to norm c: its "
              "direction is kept, only the step is capped. Here that happens on about half the "
              "steps; the loss never climbs above its starting value and training ends well "
              "below chance level, where the unclipped run ends above it. Clipping leaves the "
              "Jacobians alone: before training both runs have the same growing ∂h_t/∂h_k.",
        "zh": "与“梯度爆炸（tanh，‖W_hh‖₂ = 4）”预设的种子和设置完全相同，只差一点：按全局范数做梯度"
              "裁剪，阈值 c = 1（Pascanu、Mikolov 与 Bengio，2013）。一旦 ‖∂J/∂θ‖₂ 超过 c，"
              "就把整个梯度等比例缩放到范数为 c：方向不变，只限制步长。这里大约一半的步被裁剪；"
              "损失从未超过起始值，训练结束时明显低于随机水平，而不裁剪的那次训练最终高于随机水平。"
              "裁剪不改变雅可比矩阵本身：训练前两次训练的 ∂h_t/∂h_k 完全相同，都随距离增长。",
    },
    "preset.state_blowup.name": {"en": "Exploding activations (ReLU, carried state)",
                                 "zh": "激活值爆炸（ReLU，状态跨窗口延续）"},
    "preset.state_blowup.desc": {
        "en": "The other way training blows up, for contrast. A ReLU RNN with ‖W_hh‖₂ = 3 "
              "carries its hidden state from one window to the next, and ReLU does not bound "
              "it: ‖h_T‖₂ grows by orders of magnitude within a few windows until the forward "
              "pass overflows, and training diverges. The state explodes first: it does so even "
              "with the weights frozen at their start. The gradient explodes with it, as a "
              "consequence (for ReLU the product that carries the state forward also carries "
              "the gradient back). Start every window from h₀ = 0 and the same settings train "
              "without diverging.",
        "zh": "作为对照，训练崩溃的另一种方式。‖W_hh‖₂ = 3 的 ReLU RNN 把隐藏状态从一个窗口延续到"
              "下一个窗口，而 ReLU 不限制它的大小：短短几个窗口里 ‖h_T‖₂ 就增长了好几个数量级，"
              "直到前向计算溢出，训练随之发散。先爆炸的是状态：即使把权重固定在初始值不动，它也照样爆炸。"
              "梯度随之一起爆炸，这是结果而不是原因（对 ReLU 而言，前向传递状态的乘积也正是反向传递梯度的乘积）。"
              "让每个窗口都从 h₀ = 0 开始，同样的设置就能训练下去而不发散。",
    },
    "preset.irnn.name": {
        "en": "IRNN (identity-initialised ReLU)",
        "zh": "IRNN（单位矩阵初始化的 ReLU）",
    },
    "preset.irnn.desc": {
        "en": "The recipe of Le, Jaitly & Hinton (2015): a ReLU RNN whose W_hh starts as the "
              "identity matrix. At first every active unit copies its value forward, so each "
              "one-step Jacobian is a 0/1 diagonal mask and ‖∂h_t/∂h_k‖₂ is exactly 1 as long "
              "as some unit stays active along the way: before training the product neither "
              "shrinks nor grows. Training moves W_hh away from I and the horizon becomes "
              "finite, a few dozen characters. A long memory is not a learned task: on the "
              "long-range task (d = 20, with that lesson's window and steps) these settings "
              "recall no more keys than tanh with an orthogonal start; both stay near chance.",
        "zh": "Le、Jaitly 与 Hinton（2015）提出的做法：W_hh 初始化为单位矩阵的 ReLU RNN。"
              "一开始，每个激活的单元只是把自己的值原样往后传，因此每一步的雅可比矩阵都是由 0 和 1 "
              "组成的对角掩码；只要沿途始终有单元保持激活，‖∂h_t/∂h_k‖₂ 就恰好等于 1：训练前，"
              "乘积既不缩小也不增大。训练使 W_hh 偏离单位矩阵，有效视野变为有限的几十个字符。"
              "记得久不等于学会了任务：在长程依赖任务上（d = 20，窗口和步数与该预设相同），"
              "这组设置答对的键并不比正交初始化的 tanh 多，两者都接近随机水平。",
    },
    "preset.longrange.name": {"en": "Long-range test", "zh": "长程依赖测试"},
    "preset.longrange.desc": {
        "en": "A synthetic text in which the character after each cue repeats the key seen "
              "d = 20 characters earlier, with random filler in between. With a 50-character "
              "BPTT window and 600 steps the model recalls those keys hardly better than chance "
              "(1/8); sweep the distance to see that short ones (d = 2) are learned almost "
              "perfectly. d = 20 is not out of reach for good: with a 100-character window and "
              "300 steps (the same amount of work) recall at d = 20 rises well above chance "
              "(to more than half the keys on this seed).",
        "zh": "一份合成文本：每个提示符之后的字符，重复的是 d = 20 个字符之前出现的那个键，中间填充随机"
              "字符。用 50 个字符的 BPTT 窗口训练 600 步，模型答对这些键的比例只比随机水平（1/8）"
              "略高；打开距离扫描可以看到，短距离（d = 2）几乎能完全学会。d = 20 并非永远学不会："
              "换成 100 个字符的窗口、训练 300 步（计算量相同），d = 20 处答对的比例就远高于随机水平"
              "（在这个种子上超过一半）。",
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
              "the bound, and what the link's rho sets at initialisation). r(W_hh): the "
              "spectral radius, its largest |eigenvalue|. Always r(W_hh) ≤ ‖W_hh‖₂, with "
              "equality e.g. for symmetric or orthogonal W_hh. Both describe the weights a step "
              "starts from (step 1: the initialisation), measured at up to 150 evenly spaced "
              "steps.",
        "zh": "‖W_hh‖₂：W_hh 的谱范数，即它最大的奇异值（也就是上界中的 β_W，链接参数 rho "
              "设定的是它的初始值）。r(W_hh)：谱半径，即特征值绝对值的最大者。总有 "
              "r(W_hh) ≤ ‖W_hh‖₂，例如 W_hh 为对称矩阵或正交矩阵时两者相等。两者描述的都是某一步开始时"
              "的权重（第 1 步即初始化的权重），最多在 150 个均匀分布的步上测量。",
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
              "distance 0. Left out: the step-1 terms, 0 by construction since h_0 = 0, and "
              "distances with fewer than 5 pairs (t, k). When the fitted rate of the medians is "
              "≥ 0 there is no decay and no horizon; when they decay but never get that low, "
              "the horizon lies beyond the analysed text.",
        "zh": "有效视野：∂J_t/∂W_hh 中第 k 项的大小 ‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F 的中位数，"
              "首次降到距离 0 处中位数的 10⁻³ 以下时的距离 t−k。不计入的有：第 1 步的各项（h_0 = 0，"
              "它们恒为 0），以及 (t, k) 对少于 5 个的距离。若中位数拟合出的速率 ≥ 0，说明没有衰减，"
              "也就没有有效视野；若在衰减却始终降不到这个程度，有效视野就超出了所分析的文本。",
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
STRINGS.update(CELL_STRINGS)
STRINGS.update(EXPERIMENT_STRINGS)


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
