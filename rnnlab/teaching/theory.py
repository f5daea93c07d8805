"""The Theory tab: the derivation of vanishing and exploding gradients, in English and Chinese.

Content as data. Each section is a run of blocks, "md" for `st.markdown` (inline maths in $...$)
and "latex" for `st.latex`; the app renders them in order. Display maths is written once below and
shared by both languages, so the two versions cannot drift apart. KaTeX renders it, so no
\\label, \\tag or equation/align environments (aligned inside a block is fine).
"""

from __future__ import annotations

from dataclasses import dataclass

from rnnlab.teaching import theory_gates
from rnnlab.teaching.i18n import LANGS

# Charts a section can point at: "<tab>.<chart>"; the app maps each id to where it is drawn.
CHART_IDS = (
    "training.loss",
    "training.grad_norm",
    "training.w_norm",
    "distant.by_distance",
    "jacobian.by_distance",
)


@dataclass(frozen=True)
class Block:
    kind: str  # "md" or "latex"
    text: str


@dataclass(frozen=True)
class Section:
    key: str  # stable id, e.g. "jacobian"
    title: str
    blocks: tuple[Block, ...]
    chart: str | None  # one of CHART_IDS: where the lab shows this step, or None


@dataclass(frozen=True)
class _Text:
    """A markdown block (or a title) in both languages."""

    en: str
    zh: str


# A section's body: _Text for markdown, plain str for display LaTeX (language-neutral).
_Part = _Text | str

_MODEL = (
    _Text(
        r"A vanilla RNN reads one character per step. At step $t$ it combines the previous "
        r"hidden state $h_{t-1}$ with the current input $x_t$, a one-hot vector over the "
        r"vocabulary $V$, applies an element-wise nonlinearity $f$, and predicts a probability "
        r"distribution over the next character:",
        r"普通 RNN 每一步读入一个字符。在第 $t$ 步，它把上一步的隐藏状态 $h_{t-1}$ 与当前输入 $x_t$"
        r"（词表 $V$ 上的独热向量）组合起来，经过逐元素的非线性函数 $f$，"
        r"再给出下一个字符的概率分布：",
    ),
    r"\begin{aligned}"
    r"z_t &= W^{(hh)} h_{t-1} + W^{(hx)} x_t + b_h, & h_t &= f(z_t), \\"
    r"\hat{y}_t &= \operatorname{softmax}\big(W^{(S)} h_t + b_y\big), & "
    r"J_t &= -\sum_{j=1}^{|V|} y_{t,j} \log \hat{y}_{t,j}, \\"
    r"J &= \frac{1}{T} \sum_{t=1}^{T} J_t ."
    r"\end{aligned}",
    _Text(
        r"$z_t$ is the **pre-activation**; every derivative of $f$ below is taken there. "
        r"$y_t$ is the one-hot vector of the true next character, so $J_t$ is just $-\log$ of "
        r"the probability the model gave that character (in nats), and $J$ averages it over the "
        r"$T$ steps of a sequence. A model that guesses uniformly scores $J = \ln|V|$. "
        r"The weights keep the lecture's names: the code and the charts write $W^{(hh)}$, "
        r"$W^{(hx)}$, $W^{(S)}$ as `W_hh`, `W_hx`, `W_S`. The lecture takes the sigmoid "
        r"$\sigma$ as $f$; the lab also offers tanh, ReLU and the identity.",
        r"$z_t$ 称为**预激活**；下文中 $f$ 的导数都在这里取值。$y_t$ 是真实的下一个字符的独热向量，"
        r"所以 $J_t$ 就是模型赋予该字符的概率取 $-\log$（单位为奈特），$J$ 则是它在一条序列 $T$ "
        r"个时间步上的平均。均匀乱猜的模型得到 $J = \ln|V|$。权重沿用讲义的记号：代码和图表中把 "
        r"$W^{(hh)}$、$W^{(hx)}$、$W^{(S)}$ 写作 `W_hh`、`W_hx`、`W_S`。讲义取 sigmoid 函数 "
        r"$\sigma$ 作为 $f$；本实验还可以选择 tanh、ReLU 和恒等函数。",
    ),
)

_CHAIN_RULE = (
    _Text(
        r"The same matrix $W^{(hh)}$ is used at every step, so the loss $J_t$ depends on it "
        r"through every step $k \le t$: directly at step $t$, and through $h_{t-1}$, $h_{t-2}$, "
        r"and so on back to the start. The chain rule collects one term per step $k$ (here $W$ "
        r"stands for $W^{(hh)}$; $W^{(hx)}$ and $b_h$ work the same way):",
        r"每一步用的都是同一个矩阵 $W^{(hh)}$，因此损失 $J_t$ 通过所有 $k \le t$ 的步依赖于它："
        r"在第 $t$ 步直接依赖，又经由 $h_{t-1}$、$h_{t-2}$ 一直追溯到序列开头。链式法则为每个 $k$ "
        r"给出一项（这里 $W$ 代表 $W^{(hh)}$；$W^{(hx)}$ 和 $b_h$ 的情形完全相同）：",
    ),
    r"\frac{\partial J}{\partial W} = \frac{1}{T}\sum_{t=1}^{T} \frac{\partial J_t}{\partial W},"
    r"\qquad \frac{\partial J_t}{\partial W} = \sum_{k=1}^{t} "
    r"\frac{\partial J_t}{\partial \hat{y}_t}\, \frac{\partial \hat{y}_t}{\partial h_t}\, "
    r"\frac{\partial h_t}{\partial h_k}\, \frac{\partial^{+} h_k}{\partial W}",
    _Text(
        r"$\partial^{+} h_k / \partial W$ is the **immediate** partial derivative: how $h_k$ "
        r"changes with $W$ while $h_{k-1}$ is held fixed. This matters. The total derivative "
        r"$dh_k/dW$ would include every path through $h_{k-1}, h_{k-2}, \dots$, yet those paths "
        r"are exactly the terms with smaller $k$, so the sum would count them again and again. "
        r"With the immediate partial, each use of $W$ (at step $k$) reaches $J_t$ through one "
        r"term, and the factor $\partial h_t / \partial h_k$ carries it across the distance $t-k$.",
        r"其中 $\partial^{+} h_k / \partial W$ 是**直接**偏导数：保持 $h_{k-1}$ 不变时，$h_k$ 随 $W$ "
        r"的变化。这一点很关键。全导数 $dh_k/dW$ 会把经过 $h_{k-1}, h_{k-2}, \dots$ "
        r"的路径全部包含进来，而这些路径恰好就是求和中 $k$ 更小的那些项，于是同一条路径会被反复计算。"
        r"用直接偏导数，$W$ 在第 $k$ 步的每一次使用只通过一项到达 $J_t$，再由因子 "
        r"$\partial h_t / \partial h_k$ 把它跨过距离 $t-k$ 传过去。",
    ),
    _Text(
        r"For $W^{(hh)}$ the term of step $k$ works out to $\delta_{t,k}\, h_{k-1}^{\top}$ with "
        r"$\delta_{t,k} = \partial J_t / \partial z_k$. Its size, plotted against the distance "
        r"$t-k$, shows how much learning signal still arrives from far back.",
        r"对 $W^{(hh)}$ 而言，第 $k$ 项化简为 $\delta_{t,k}\, h_{k-1}^{\top}$，其中 "
        r"$\delta_{t,k} = \partial J_t / \partial z_k$。把它的大小画成距离 $t-k$ 的函数，"
        r"就能看出遥远的过去还能给模型带来多少学习信号。",
    ),
)

_JACOBIAN = (
    _Text(
        r"The factor linking step $k$ to step $t$ is an $H \times H$ Jacobian matrix, $H$ being "
        r"the hidden size. Because $h_t$ depends on $h_k$ only through the states in between, it "
        r"factors into one-step Jacobians:",
        r"连接第 $k$ 步与第 $t$ 步的因子是一个 $H \times H$ 的雅可比矩阵，$H$ 为隐藏层大小。"
        r"由于 $h_t$ 只通过中间各步的状态依赖于 $h_k$，它可以分解为单步雅可比矩阵的乘积：",
    ),
    r"\frac{\partial h_t}{\partial h_k} = \prod_{j=k+1}^{t} \frac{\partial h_j}{\partial h_{j-1}}"
    r" = \frac{\partial h_t}{\partial h_{t-1}}\, \frac{\partial h_{t-1}}{\partial h_{t-2}} \cdots"
    r" \frac{\partial h_{k+1}}{\partial h_k}, \qquad"
    r" \frac{\partial h_j}{\partial h_{j-1}} = \operatorname{diag}\big(f'(z_j)\big)\, W^{(hh)}",
    _Text(
        r"The one-step Jacobian follows from $h_j = f(z_j)$ and "
        r"$z_j = W^{(hh)} h_{j-1} + W^{(hx)} x_j + b_h$: its entry $(a, b)$ is "
        r"$f'(z_{j,a})\, W^{(hh)}_{ab}$, so row $a$ of $W^{(hh)}$ is scaled by the slope of unit "
        r"$a$ at its pre-activation. Rows index $h_j$ and columns $h_{j-1}$ (numerator layout), "
        r"so the latest step stands on the left. A product of $t-k$ such matrices tends to shrink "
        r"or grow geometrically with $t-k$: that is the whole story of vanishing and exploding "
        r"gradients. The chart measures $\|\partial h_t/\partial h_k\|_2$, the largest singular "
        r"value of this product, at every distance.",
        r"单步雅可比矩阵由 $h_j = f(z_j)$ 和 "
        r"$z_j = W^{(hh)} h_{j-1} + W^{(hx)} x_j + b_h$ 直接得到："
        r"它的 $(a, b)$ 元素是 $f'(z_{j,a})\, W^{(hh)}_{ab}$，也就是把 $W^{(hh)}$ 的第 $a$ "
        r"行乘上单元 $a$ 在其预激活处的斜率。行对应 $h_j$、列对应 $h_{j-1}$（分子布局），"
        r"所以最晚的一步写在最左边。$t-k$ 个这样的矩阵相乘，结果往往随 $t-k$ 按指数缩小或放大"
        r"——梯度消失与梯度爆炸的来龙去脉，全在于此。图表在每个距离上测量 "
        r"$\|\partial h_t/\partial h_k\|_2$，即这个乘积的最大奇异值。",
    ),
)

_BOUND = (
    _Text(
        r"Matrix norms are sub-multiplicative, $\|AB\|_2 \le \|A\|_2\,\|B\|_2$, and the spectral "
        r"norm of a diagonal matrix is its largest absolute entry. Hence each one-step Jacobian "
        r"satisfies",
        r"矩阵范数满足次可乘性 $\|AB\|_2 \le \|A\|_2\,\|B\|_2$，而对角矩阵的谱范数就是其对角元"
        r"绝对值的最大者。因此每个单步雅可比矩阵满足",
    ),
    r"\Big\|\frac{\partial h_j}{\partial h_{j-1}}\Big\|_2 \le"
    r" \big\|\operatorname{diag} f'(z_j)\big\|_2\, \big\|W^{(hh)}\big\|_2"
    r" = \max_i |f'(z_{j,i})|\, \big\|W^{(hh)}\big\|_2 \le \beta_h\, \beta_W",
    _Text(
        r"where $\beta_W = \|W^{(hh)}\|_2$ is the largest singular value of $W^{(hh)}$ and "
        r"$\beta_h = \sup_z |f'(z)|$. Applying this to each of the $t-k$ factors gives two bounds:",
        r"其中 $\beta_W = \|W^{(hh)}\|_2$ 是 $W^{(hh)}$ 的最大奇异值，$\beta_h = \sup_z |f'(z)|$。"
        r"对 $t-k$ 个因子逐一使用这个不等式，得到两个上界：",
    ),
    r"\Big\|\frac{\partial h_t}{\partial h_k}\Big\|_2 \le"
    r" \prod_{j=k+1}^{t} \big\|W^{(hh)}\big\|_2 \max_i |f'(z_{j,i})|"
    r" \le (\beta_W \beta_h)^{t-k}",
    _Text(
        r"The middle one, the **stepwise bound**, uses the slopes actually reached on this "
        r"sequence; the right one assumes the steepest slope at every step. If "
        r"$\beta_W \beta_h < 1$ the right-hand side decays geometrically, so vanishing is "
        r"guaranteed whatever the input. The chart draws the measured norm together with both "
        r"bounds; the measured curve can never rise above either.",
        r"中间那个是**逐步上界**，用的是这条序列上实际达到的斜率；最右边的则假设每一步的斜率都取到"
        r"最大。若 $\beta_W \beta_h < 1$，右端随距离按指数衰减，无论输入是什么，梯度消失都是必然的。"
        r"图表把实测范数和这两个上界画在一起；实测曲线永远不会高于其中任何一个。",
    ),
)

_SIGMOID = (
    _Text(
        r"For the sigmoid of the lecture, the derivative can be written through the output:",
        r"对讲义中使用的 sigmoid，导数可以用输出本身来表示：",
    ),
    r"\sigma(z) = \frac{1}{1 + e^{-z}}, \qquad"
    r" \sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big) \le \sigma'(0) = \frac{1}{4}",
    _Text(
        r"The product $s(1-s)$ of two numbers that sum to 1 is largest at $s = 1/2$, that is at "
        r"$z = 0$; so for the sigmoid $\beta_h = 1/4$. The other activations in the lab have "
        r"$\beta_h = 1$:",
        r"两个和为 1 的数之积 $s(1-s)$ 在 $s = 1/2$ 即 $z = 0$ 处最大，所以 sigmoid 的 "
        r"$\beta_h = 1/4$。本实验中的其他激活函数都有 $\beta_h = 1$：",
    ),
    r"\tanh'(z) = 1 - \tanh^2 z \le 1, \qquad \mathrm{ReLU}'(z) \in \{0, 1\}, \qquad"
    r" \frac{d}{dz}\, z = 1",
    _Text(
        r"So with the sigmoid, $\|W^{(hh)}\|_2 < 4$ already makes $\beta_W \beta_h < 1$, and "
        r"gradients must vanish. Pascanu, Mikolov & Bengio (2013) put it in terms of the largest "
        r"singular value $\lambda_1$ of $W^{(hh)}$ and $\gamma = \beta_h$: $\lambda_1 < 1/\gamma$ "
        r"is *sufficient* for vanishing gradients, while $\lambda_1 > 1/\gamma$ is only "
        r"*necessary* for exploding ones. For tanh and ReLU the threshold is "
        r"$\|W^{(hh)}\|_2 = 1$. The chart follows $\|W^{(hh)}\|_2$ during training.",
        r"因此用 sigmoid 时，只要 $\|W^{(hh)}\|_2 < 4$，就有 $\beta_W \beta_h < 1$，梯度必然消失。"
        r"Pascanu、Mikolov 与 Bengio（2013）用 $W^{(hh)}$ 的最大奇异值 $\lambda_1$ 和 "
        r"$\gamma = \beta_h$ 来表述：$\lambda_1 < 1/\gamma$ 是梯度消失的**充分**条件，而 "
        r"$\lambda_1 > 1/\gamma$ 只是梯度爆炸的**必要**条件。对 tanh 和 ReLU，这个阈值是 "
        r"$\|W^{(hh)}\|_2 = 1$。图表记录了训练过程中 $\|W^{(hh)}\|_2$ 的变化。",
    ),
)

_MEANING = (
    _Text(
        r"Each term of the sum in section 2 is what step $k$ learns from the prediction at step "
        r"$t$. When the Jacobian products vanish, terms with large $t-k$ are negligible: the "
        r"gradient sees only a short window into the past (the **effective horizon** on the "
        r"chart; within about ten characters in preset “The lecture's RNN (sigmoid)”), and a "
        r"dependency longer than that gets almost none of the learning signal. It is learned "
        r"slowly, if at all, not never: in preset “Long-range test” a key 20 characters back is "
        r"recalled hardly better than chance with a 50-character BPTT window, and well above "
        r"chance with a 100-character window for the same amount of work. When the "
        r"products explode, distant terms dominate the sum, the gradient norm spikes, and one "
        r"update can throw the weights far away: in preset “Exploding gradients (tanh, "
        r"‖W_hh‖₂ = 4)” the loss ends above chance while the tanh state stays bounded. A "
        r"different failure looks similar on the loss curve: the forward state itself growing "
        r"without bound (preset “Exploding activations (ReLU, carried state)”); the forward "
        r"state's chart beside the gradient norm tells the two apart.",
        r"第 2 节求和式中的每一项，都是第 $k$ 步从第 $t$ 步的预测中学到的东西。当雅可比连乘积消失时，"
        r"$t-k$ 较大的项可以忽略不计：梯度只能看到过去很短的一段（即图中的**有效视野**；"
        r"在“讲义中的 RNN（sigmoid）”预设中约在十个字符以内），比这更长的依赖几乎得不到学习信号。"
        r"这样的依赖学得很慢，甚至学不会，但并非注定学不会：在“长程依赖测试”预设中，"
        r"用 50 个字符的 BPTT 窗口时，20 个字符之前的键答对的比例只比随机水平略高；换成 100 "
        r"个字符的窗口、计算量不变，答对的比例就远高于随机水平。当连乘积爆炸时，远处的项主导了整个求和，"
        r"梯度范数陡然飙升，一次更新就可能把权重甩得很远：在“梯度爆炸（tanh，‖W_hh‖₂ = 4）”"
        r"预设中，tanh 的状态始终有界，损失却最终高于随机水平。另一种失败在损失曲线上看起来很像："
        r"前向状态本身无限增长（见“激活值爆炸（ReLU，状态跨窗口延续）”预设）；"
        r"把前向状态的图和梯度范数的图对照着看，就能分清两者。",
    ),
    _Text(
        "\n".join((
            r"The usual remedies, in brief:",
            r"",
            r"- **Gradient clipping** (Pascanu et al. 2013): if the global norm $\|g\|_2$ of the "
            r"whole gradient exceeds $c$, rescale it to norm $c$ (below); its direction is kept. "
            r"Clipping each entry to $[-c, c]$, as in Mikolov's RNN code, also stops the blow-up "
            r"but bends the direction. Both treat exploding, not vanishing "
            r"(preset “Exploding, but clipped”: the same run as the exploding one, and it "
            r"trains).",
            r"- **Orthogonal or identity initialisation**: every singular value of $W^{(hh)}$ "
            r"starts at 1. With the linear activation the products then neither shrink nor "
            r"grow; with tanh they still shrink, because $\tanh' < 1$ away from 0, but slowly "
            r"(preset “At the edge (tanh, orthogonal)”: a few per cent a step before training); "
            r"with ReLU and the identity they stay exactly at 1 while units stay active (preset "
            r"“IRNN (identity-initialised ReLU)”, after Le, Jaitly & Hinton 2015).",
            r"- **Gated units** (LSTM, GRU): the memory is updated additively through gates, so "
            r"its Jacobian can stay close to the identity over many steps (section 8, and preset "
            r"“Remedies for a long memory (LSTM, GRU, orthogonal tanh)”).",
        )),
        "\n".join((
            r"常见的对策，简述如下：",
            r"",
            r"- **梯度裁剪**（Pascanu 等，2013）：若整个梯度的全局范数 $\|g\|_2$ 超过 $c$，"
            r"就把它缩放到范数为 $c$（见下式），方向保持不变。像 Mikolov 的 RNN 代码那样把每个分量"
            r"截断到 $[-c, c]$，同样能阻止爆炸，但会改变梯度的方向。两种裁剪都只治爆炸，不治消失"
            r"（见“梯度爆炸 + 裁剪”预设：与梯度爆炸那次训练完全相同，只是加了裁剪，就能训练下去）。",
            r"- **正交或单位矩阵初始化**：$W^{(hh)}$ 的所有奇异值一开始都等于 1。用线性激活时，"
            r"连乘积既不缩小也不放大；用 tanh 时，由于 z 不为 0 处 $\tanh' < 1$，它仍会缩小，只是很慢"
            r"（见“临界状态（tanh + 正交初始化）”预设：训练前每步缩小百分之几）；用 ReLU 加单位矩阵时，"
            r"只要单元保持激活，它就恰好等于 1（见“IRNN（单位矩阵初始化的 ReLU）”预设，"
            r"出自 Le、Jaitly 与 Hinton，2015）。",
            r"- **门控单元**（LSTM、GRU）：记忆通过门以加法方式更新，其雅可比矩阵可以在许多步内保持"
            r"接近单位矩阵（见第 8 节和“长程记忆的对策（LSTM、GRU、正交初始化的 tanh）”预设）。",
        )),
    ),
    r"g \leftarrow \begin{cases} g, & \|g\|_2 \le c \\"
    r" \dfrac{c}{\|g\|_2}\, g, & \|g\|_2 > c \end{cases}",
)

_SLIPS = (
    _Text(
        r"The note gets the big picture right, but four details differ from what the lab "
        r"computes.",
        r"讲义的大方向是对的，但有四处细节与本实验的计算不同。",
    ),
    _Text(
        r"**(a) The transpose, and where f′ is taken.** The note writes the one-step factor as "
        r"$W^{T} \operatorname{diag}[f'(h_{j-1})]$ and asks why the order looks reversed. The "
        r"answer is the layout. In numerator layout (rows of $\partial h_j/\partial h_{j-1}$ "
        r"index $h_j$) the Jacobian is $\operatorname{diag}(f'(z_j))\, W^{(hh)}$, as in "
        r"section 3. Back-propagation instead carries the gradient $\partial J/\partial h_j$ as "
        r"a column vector (denominator layout) and multiplies it by the *transposed* Jacobian:",
        r"**(a) 转置与 f′ 的取值点**：讲义把单步因子写成 $W^{T} \operatorname{diag}[f'(h_{j-1})]$，"
        r"并问为什么顺序看起来反了。答案在于布局。在分子布局下（$\partial h_j/\partial h_{j-1}$ "
        r"的行对应 $h_j$），雅可比矩阵是 $\operatorname{diag}(f'(z_j))\, W^{(hh)}$，与第 3 节一致。"
        r"而反向传播把梯度 $\partial J/\partial h_j$ 当作列向量（分母布局），"
        r"乘的是雅可比矩阵的转置：",
    ),
    r"\frac{\partial J}{\partial h_{j-1}} ="
    r" \Big(\frac{\partial h_j}{\partial h_{j-1}}\Big)^{\!\top} \frac{\partial J}{\partial h_j}"
    r" = W^{(hh)\top} \operatorname{diag}\big(f'(z_j)\big)\, \frac{\partial J}{\partial h_j}",
    _Text(
        r"The transpose swaps the order of the two factors, which is the note's form, and it "
        r"leaves the norm unchanged because $\|A^{\top}\|_2 = \|A\|_2$. The same holds for the "
        r"whole product, with one condition: transposing a product also reverses the order of "
        r"its factors,",
        r"转置交换了两个因子的顺序，这正是讲义中的写法；由于 $\|A^{\top}\|_2 = \|A\|_2$，"
        r"它也不改变范数。对整个乘积也是如此，但有一个条件：转置一个乘积时，因子的顺序也要倒过来，",
    ),
    r"\Big(\frac{\partial h_t}{\partial h_k}\Big)^{\!\top} = \big(J_t J_{t-1} \cdots J_{k+1}\big)^{\top}"
    r" = J_{k+1}^{\top} J_{k+2}^{\top} \cdots J_t^{\top}, \qquad"
    r" J_j = \operatorname{diag}\big(f'(z_j)\big)\, W^{(hh)}",
    _Text(
        r"so the note's product $\prod_j W^{T} \operatorname{diag}[\cdot]$ is the transpose "
        r"of $\partial h_t/\partial h_k$ only when its factors are multiplied earliest first, "
        r"$j = k+1$ on the left. In the order of section 3's product, latest on the left, the "
        r"same transposed factors make a different matrix, whose norm in general differs too "
        r"(the lab multiplies the note's factors earliest first).",
        r"所以讲义的乘积 $\prod_j W^{T} \operatorname{diag}[\cdot]$ 只有在因子按最早的一步在前"
        r"（$j = k+1$ 在最左边）相乘时，才是 $\partial h_t/\partial h_k$ 的转置。若按第 3 节乘积的顺序、"
        r"最晚的一步在左边去乘，同样这些转置后的因子得到的是另一个矩阵，范数一般也不相同"
        r"（本实验按最早的一步在前来乘讲义的因子）。",
    ),
    _Text(
        r"What does need fixing is the argument of $f'$. The note's formula is eq. (5) of "
        r"Pascanu, Mikolov & Bengio (2013), written for a network whose state is taken before "
        r"the nonlinearity, $x_t = W \sigma(x_{t-1}) + W_{in} u_t + b$: there "
        r"$\partial x_t/\partial x_{t-1} = W \operatorname{diag}(\sigma'(x_{t-1}))$, and the "
        r"slope at the previous state is right. The lecture's state is taken after it, "
        r"$h_t = f(z_t)$, so the slope belongs at the pre-activation $z_j$, not at $h_{j-1}$. "
        r"For the sigmoid $h_{j-1} \in (0, 1)$, so $\sigma'(h_{j-1})$ always lies between about "
        r"0.2 and 0.25 and hides saturation entirely. With tanh the wrong point can even change "
        r"the verdict: after training, in preset “At the edge (tanh, orthogonal)”, the note's "
        r"product grows with distance while the true one decays (turn on the note's formula in "
        r"the Jacobian tab: the page says so when it happens).",
        r"真正需要更正的是 $f'$ 的自变量。讲义的公式就是 Pascanu、Mikolov 与 Bengio（2013）"
        r"的式 (5)，那里的网络把非线性之前的量当作状态：$x_t = W \sigma(x_{t-1}) + W_{in} u_t + b$，"
        r"于是 $\partial x_t/\partial x_{t-1} = W \operatorname{diag}(\sigma'(x_{t-1}))$，"
        r"斜率取在上一步的状态处是对的。讲义的状态取在非线性之后，即 $h_t = f(z_t)$，所以斜率应在"
        r"预激活 $z_j$ 处取值，而不是在 $h_{j-1}$ 处。对 sigmoid 而言 $h_{j-1} \in (0, 1)$，"
        r"所以 $\sigma'(h_{j-1})$ 总在 0.2 到 0.25 之间，把饱和现象完全掩盖了。用 tanh 时，"
        r"取错点甚至会改变结论：在“临界状态（tanh + 正交初始化）”预设训练之后，讲义的乘积随距离增长，"
        r"而真正的乘积在衰减（在雅可比标签页打开“使用讲义中的公式”，出现这种情况时页面会指出来）。",
    ),
    _Text(
        r"**(b) The sigmoid's slope is at most 1/4, not 1.** With $\beta_h = 1/4$ the bound "
        r"already guarantees vanishing whenever $\|W^{(hh)}\|_2 < 4$ (section 5).",
        r"**(b) sigmoid 的斜率至多为 1/4，而不是 1**：取 $\beta_h = 1/4$，只要 "
        r"$\|W^{(hh)}\|_2 < 4$，上界就已保证梯度消失（见第 5 节）。",
    ),
    _Text(
        r"**(c) A bound above 1 proves nothing about exploding.** "
        r"$\|\partial h_t/\partial h_k\|_2 \le (\beta_W \beta_h)^{t-k}$ is an upper bound. When "
        r"$\beta_W \beta_h > 1$ the right-hand side grows, but the true norm may still shrink: "
        r"the bound has merely stopped ruling growth out, and only the measured curve can show "
        r"an explosion.",
        r"**(c) 上界大于 1 并不能说明梯度爆炸**："
        r"$\|\partial h_t/\partial h_k\|_2 \le (\beta_W \beta_h)^{t-k}$ 只是一个上界。当 "
        r"$\beta_W \beta_h > 1$ 时右端会增长，但真实的范数仍可能在缩小：上界只是不再排除增长的"
        r"可能，梯度是否爆炸只能由实测曲线来判断。",
    ),
    _Text(
        r"**(d) $\partial h_k/\partial W$ in the chain rule is the immediate partial** "
        r"$\partial^{+} h_k/\partial W$, with $h_{k-1}$ held fixed (section 2); the total "
        r"derivative would count the earlier paths again.",
        r"**(d) 链式法则中的 $\partial h_k/\partial W$ 是直接偏导数** "
        r"$\partial^{+} h_k/\partial W$，"
        r"即保持 $h_{k-1}$ 不变（见第 2 节）；若用全导数，前面那些路径会被重复计算。",
    ),
    _Text(
        r"The Jacobian tab can draw the note's form, "
        r"$W^{(hh)\top} \operatorname{diag}(f'(h_{j-1}))$, next to the correct "
        r"$\operatorname{diag}(f'(z_j))\, W^{(hh)}$, so you can see how far apart they are.",
        r"雅可比标签页可以把讲义的写法 $W^{(hh)\top} \operatorname{diag}(f'(h_{j-1}))$ 与正确的 "
        r"$\operatorname{diag}(f'(z_j))\, W^{(hh)}$ 并排画出，方便你看清两者相差多少。",
    ),
)

# (key, title, chart, body), in reading order
_SECTIONS: tuple[tuple[str, _Text, str | None, tuple[_Part, ...]], ...] = (
    ("model", _Text("1. The model", "1. 模型"), "training.loss", _MODEL),
    ("chain_rule", _Text("2. The gradient is a sum over earlier steps",
                         "2. 梯度是对此前各步的求和"), "distant.by_distance", _CHAIN_RULE),
    ("jacobian", _Text("3. A product of Jacobians", "3. 雅可比矩阵的连乘"),
     "jacobian.by_distance", _JACOBIAN),
    ("bound", _Text("4. Bounding the product", "4. 给连乘积一个上界"),
     "jacobian.by_distance", _BOUND),
    ("sigmoid", _Text("5. How large is β_h?", "5. β_h 有多大？"), "training.w_norm", _SIGMOID),
    ("meaning", _Text("6. What it means for learning", "6. 这对学习意味着什么"),
     "distant.by_distance", _MEANING),
    ("slips", _Text("7. Where the lecture note slips, and the answer to its question",
                    "7. 讲义的疏漏，以及它所提问题的答案"), "jacobian.by_distance", _SLIPS),
    ("gates", theory_gates.TITLE, "jacobian.by_distance", theory_gates.BODY),
)


def sections(lang: str) -> tuple[Section, ...]:
    """The Theory tab in `lang` ("en" or "zh"; anything else falls back to English)."""
    lang = lang if lang in LANGS else "en"

    def block(part: _Part) -> Block:
        if isinstance(part, str):
            return Block("latex", part)
        return Block("md", getattr(part, lang))

    return tuple(Section(key, getattr(title, lang), tuple(block(p) for p in body), chart)
                 for key, title, chart, body in _SECTIONS)
