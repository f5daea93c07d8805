"""The Theory tab's section on the remedy: why gates keep the gradient alive, what they cost, and
why clipping still applies. Same form as rnnlab.teaching.theory: markdown in both languages, display
maths once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    en: str
    zh: str


TITLE = Text("8. The remedy: gates give the gradient an additive path",
             "8. 对策：门为梯度开出一条加法通路")

BODY = (
    Text(
        r"The RNN overwrites its state every step, $h_t = f(W^{(hh)} h_{t-1} + \dots)$, so every "
        r"step back multiplies the gradient by $\operatorname{diag}(f'(z_t)) W^{(hh)}$. The LSTM "
        r"(Hochreiter & Schmidhuber 1997) keeps a second state, the memory $c_t$, and changes it "
        r"by *adding* to it through gates, numbers between 0 and 1 computed from $x_t$ and "
        r"$h_{t-1}$ (PyTorch's equations, which the lab uses):",
        r"RNN 每一步都会覆盖自己的状态 $h_t = f(W^{(hh)} h_{t-1} + \dots)$，所以梯度每往回走一步，"
        r"都要乘上 $\operatorname{diag}(f'(z_t)) W^{(hh)}$。LSTM（Hochreiter 与 Schmidhuber，1997）"
        r"另外保存一个状态，即记忆单元 $c_t$，并通过门以**加法**的方式修改它。门是由 $x_t$ 和 "
        r"$h_{t-1}$ 算出的、介于 0 和 1 之间的数（本实验采用 PyTorch 的公式）：",
    ),
    r"\begin{aligned}"
    r"i_t, f_t, o_t &= \sigma\big(W_{i\cdot} x_t + b_{i\cdot} + W_{h\cdot} h_{t-1} + b_{h\cdot}\big),"
    r" & g_t &= \tanh\big(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}\big), \\"
    r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t, & h_t &= o_t \odot \tanh(c_t)."
    r"\end{aligned}",
    Text(
        r"Hold $h_{t-1}$ fixed and differentiate the memory update: the memory's own one-step "
        r"factor is a diagonal matrix, with no $W^{(hh)}$ and no $f'$ in it,",
        r"保持 $h_{t-1}$ 不变，对记忆的更新式求导，记忆单元自己的单步因子是一个对角矩阵，"
        r"里面既没有 $W^{(hh)}$，也没有 $f'$：",
    ),
    r"\frac{\partial^{+} c_t}{\partial c_{t-1}} = \operatorname{diag}(f_t), \qquad"
    r" \Big\|\prod_{j=k+1}^{t} \operatorname{diag}(f_j)\Big\|_2 = \max_i \prod_{j=k+1}^{t} f_{j,i}",
    Text(
        r"so along this path the gradient shrinks only as fast as the forget gates close. A unit "
        r"whose forget gate stays near 1 carries its gradient across many steps almost "
        r"undiminished; the network *learns* when to keep and when to forget, instead of having "
        r"the decay fixed by $\|W^{(hh)}\|_2$ and $\beta_h$. The full Jacobian "
        r"$\partial s_t/\partial s_{t-1}$ of the state $s_t = (h_t, c_t)$ also has paths through "
        r"$h$ and the gates; the Jacobian tab measures all of it, $\|\partial s_t/\partial s_k\|_2$, "
        r"and the memory block $\|\partial c_t/\partial c_k\|_2$ beside it, with the mean forget "
        r"gate per step. The lab starts the forget-gate bias at 1, so that $f \approx 0.73$ at "
        r"first rather than $0.5$ (Jozefowicz, Zaremba & Sutskever 2015).",
        r"因此沿着这条通路，梯度只会随遗忘门的关闭而缩小。遗忘门一直接近 1 的单元，可以把梯度几乎不减地"
        r"传过很多步；什么时候保留、什么时候遗忘，由网络自己**学**出来，而不是由 $\|W^{(hh)}\|_2$ 和 "
        r"$\beta_h$ 事先决定衰减的速度。状态 $s_t = (h_t, c_t)$ 的完整雅可比矩阵 "
        r"$\partial s_t/\partial s_{t-1}$ 还包含经过 $h$ 和各个门的路径；雅可比标签页把它整体测出来，"
        r"即 $\|\partial s_t/\partial s_k\|_2$，并在旁边给出记忆子块 $\|\partial c_t/\partial c_k\|_2$ "
        r"和每一步遗忘门的均值。本实验把遗忘门偏置初始化为 1，使开始时 $f \approx 0.73$ 而不是 "
        r"$0.5$（Jozefowicz、Zaremba 与 Sutskever，2015）。",
    ),
    Text(
        r"The GRU (Cho et al. 2014) gets the same effect with one state and fewer gates: its new "
        r"state is a convex mix of the old one and a candidate $n_t$,",
        r"GRU（Cho 等，2014）只用一个状态和更少的门达到同样的效果：新状态是旧状态与候选值 $n_t$ "
        r"的凸组合，",
    ),
    r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}, \qquad"
    r" \frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(z_t) + \dots",
    Text(
        r"so an update gate $z_t$ near 1 copies the state, and its gradient, forward unchanged.",
        r"所以更新门 $z_t$ 接近 1 时，状态和它的梯度都被原样复制到下一步。",
    ),
    Text(
        "\n".join((
            r"What gates cost, and what they do not fix:",
            r"",
            r"- **Work**: three (GRU) or four (LSTM) blocks of $W^{(hh)}$ instead of one, so each "
            r"step costs three or four times the RNN's recurrent products, and the LSTM's state "
            r"is twice as long; the lab's cost limits count this.",
            r"- **No bound like the lecture's**: $(\beta_W \beta_h)^{t-k}$ is a theorem about the "
            r"RNN's Jacobian $\operatorname{diag}(f') W^{(hh)}$. For a gated cell the tab draws the "
            r"product of the exact one-step norms $\prod_j \|\partial s_j/\partial s_{j-1}\|_2$, "
            r"still an upper bound by $\|AB\|_2 \le \|A\|_2 \|B\|_2$, and no lecture's bound.",
            r"- **Explosions still happen**: the paths through $h$ and the gates multiply by "
            r"$W^{(hh)}$ blocks, and nothing bounds those above 1, so an LSTM's gradient can still "
            r"spike. Gradient clipping applies to gated cells exactly as to the RNN.",
        )),
        "\n".join((
            r"门的代价，以及它们解决不了的问题：",
            r"",
            r"- **计算量**：$W^{(hh)}$ 有三个（GRU）或四个（LSTM）子块，而不是一个，所以每一步的循环乘法"
            r"是 RNN 的三到四倍，LSTM 的状态还长了一倍；本实验的计算量上限把这些都算在内。",
            r"- **没有讲义那样的上界**：$(\beta_W \beta_h)^{t-k}$ 是关于 RNN 雅可比矩阵 "
            r"$\operatorname{diag}(f') W^{(hh)}$ 的定理。对门控单元，标签页画的是精确单步范数的连乘 "
            r"$\prod_j \|\partial s_j/\partial s_{j-1}\|_2$，由 $\|AB\|_2 \le \|A\|_2 \|B\|_2$ "
            r"它仍是上界，但不画讲义的上界。",
            r"- **爆炸仍会发生**：经过 $h$ 和各个门的路径要乘以 $W^{(hh)}$ 的子块，没有什么能保证它们不大于 1，"
            r"所以 LSTM 的梯度同样可能突然飙升。梯度裁剪对门控单元和对 RNN 一样适用。",
        )),
    ),
)
