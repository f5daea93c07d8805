"""The gated cells' words on the page (the cell control, the gated Jacobian tab), in English and
Chinese. Merged into `rnnlab.i18n.STRINGS`."""

CELL_STRINGS: dict[str, dict[str, str]] = {
    "option.cell.rnn": {"en": "the lecture's RNN", "zh": "讲义中的 RNN"},
    "option.cell.gru": {"en": "GRU (gated recurrent unit)", "zh": "GRU（门控循环单元）"},
    "option.cell.lstm": {"en": "LSTM (long short-term memory)", "zh": "LSTM（长短期记忆）"},
    "ctl.cell": {"en": "Cell", "zh": "循环单元"},
    "ctl.cell.help": {
        "en": "The lecture's RNN h_t = f(W_hh h_{t−1} + W_hx x_t + b_h), or a gated cell in "
              "PyTorch's equations (GRU: gates r, z, n; LSTM: gates i, f, g, o, with a memory "
              "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t).",
        "zh": "讲义中的 RNN h_t = f(W_hh h_{t−1} + W_hx x_t + b_h)，或采用 PyTorch 公式的门控单元"
              "（GRU：门 r、z、n；LSTM：门 i、f、g、o，记忆单元 c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t）。",
    },
    "ui.gated_activation": {
        "en": "A gated cell has its own nonlinearities (σ for the gates, tanh for the candidate): "
              "the activation control applies to the lecture's RNN only. The initialisation and "
              "‖W_hh‖₂ apply to each gate's H × H block of W_hh; the LSTM's forget-gate bias "
              "starts at {fb:g}.",
        "zh": "门控单元有自己固定的非线性函数（门用 σ，候选值用 tanh），激活函数的选项只对讲义中的 RNN "
              "起作用。初始化方式和 ‖W_hh‖₂ 作用于 W_hh 中每个门的 H × H 子块；LSTM 遗忘门的偏置初始为 {fb:g}。",
    },
    "ui.gated_intro": {
        "en": "For the {cell} the state is s_t = {state}. The chart measures ‖∂s_t/∂s_k‖₂, the "
              "product of the exact one-step Jacobians ∂s_j/∂s_{{j−1}}, against the stepwise "
              "bound Π ‖∂s_j/∂s_{{j−1}}‖₂. The lecture's bound (β_W β_h)^(t−k) is a theorem about "
              "the RNN only, so it is not drawn.",
        "zh": "对 {cell} 而言，状态为 s_t = {state}。下图测量 ‖∂s_t/∂s_k‖₂（精确的单步雅可比矩阵 "
              "∂s_j/∂s_{{j−1}} 的连乘积），并与逐步上界 Π ‖∂s_j/∂s_{{j−1}}‖₂ 对比。讲义中的上界 "
              "(β_W β_h)^(t−k) 是关于普通 RNN 的定理，这里不画出。",
    },
    "ui.state.gru": {"en": "h_t", "zh": "h_t"},
    "ui.state.lstm": {"en": "(h_t, c_t), 2H numbers", "zh": "(h_t, c_t)，共 2H 个数"},
    "q.measured_s": {"en": "measured ‖∂s_t/∂s_k‖₂", "zh": "实测 ‖∂s_t/∂s_k‖₂"},
    "q.measured_c": {"en": "cell path ‖∂c_t/∂c_k‖₂", "zh": "记忆通路 ‖∂c_t/∂c_k‖₂"},
    "q.stepwise_s": {"en": "stepwise bound Π ‖∂s_j/∂s_{j−1}‖₂",
                     "zh": "逐步上界 Π ‖∂s_j/∂s_{j−1}‖₂"},
    "def.measured_s": {
        "en": "Measured ‖∂s_t/∂s_k‖₂: the largest singular value of the product of the cell's "
              "one-step Jacobians over j = k+1, …, t, on the analysed text.",
        "zh": "实测 ‖∂s_t/∂s_k‖₂：在分析文本上，把 j = k+1, …, t 各步的单步雅可比矩阵连乘，取乘积的最大奇异值。",
    },
    "def.measured_c": {
        "en": "Cell path ‖∂c_t/∂c_k‖₂: the memory block of the same product, over every path from "
              "c_k to c_t (h_k held fixed). Only its direct path, one factor diag(f_j) a step, "
              "must shrink as the forget gates close; the paths through h and the gates can make "
              "the block shrink faster or grow (see the gates chart below).",
        "zh": "记忆通路 ‖∂c_t/∂c_k‖₂：同一乘积中记忆单元对应的子块，包含从 c_k 到 c_t 的所有路径（h_k 保持不变）。"
              "只有其中的直接路径（每步一个因子 diag(f_j)）必定随遗忘门的关闭而缩小；经过 h 和各个门的路径"
              "可能使这个子块缩小得更快，也可能使它增长（见下方门的图）。",
    },
    "def.stepwise_s": {
        "en": "Stepwise bound: Π ‖∂s_j/∂s_{j−1}‖₂ over j = k+1, …, t, the product of the exact "
              "one-step norms; by ‖AB‖₂ ≤ ‖A‖₂‖B‖₂ the measured curve never rises above it.",
        "zh": "逐步上界：对 j = k+1, …, t 连乘精确的单步范数 ‖∂s_j/∂s_{j−1}‖₂；由 ‖AB‖₂ ≤ ‖A‖₂‖B‖₂，"
              "实测曲线永远不会超过它。",
    },
    "chart.gated_title": {"en": "‖∂s_t/∂s_k‖₂ measured, by distance t − k",
                          "zh": "实测 ‖∂s_t/∂s_k‖₂ 随距离 t − k 的变化"},
    "chart.gated_bound_title": {"en": "Measured against the stepwise bound Π ‖∂s_j/∂s_{j−1}‖₂",
                                "zh": "实测值与逐步上界 Π ‖∂s_j/∂s_{j−1}‖₂ 的对比"},
    "ui.preset_changed": {
        "en": "Changed from this lesson: {names}. Its description is about the lesson's own "
              "settings; the tabs show the run of yours.",
        "zh": "与本课程预设不同的设置：{names}。上面的说明针对的是预设本身的设置，各标签页显示的是你这组设置的训练结果。",
    },
    "alt.gated": {
        "en": "Measured ‖∂s_t/∂s_k‖₂ (median over t) goes from {a} at distance {d0} to {b} at "
              "distance {d1}.",
        "zh": "实测 ‖∂s_t/∂s_k‖₂（对 t 取中位数）从距离 {d0} 处的 {a} 变为距离 {d1} 处的 {b}。",
    },
    "alt.gated_bound": {
        "en": "At distance {d} it lies {below} orders of magnitude under the stepwise bound.",
        "zh": "在距离 {d} 处，它比逐步上界低 {below} 个数量级。",
    },
    "alt.gated_c": {"en": "The cell path ‖∂c_t/∂c_k‖₂ goes from {a} to {b}.",
                    "zh": "记忆通路 ‖∂c_t/∂c_k‖₂ 从 {a} 变为 {b}。"},
    "alt.gates": {"en": "Over the {n} steps the mean {gate} gate lies between {lo} and {hi}.",
                  "zh": "在这 {n} 步中，{gate}门的均值介于 {lo} 和 {hi} 之间。"},
    "alt.gates_none": {"en": "No gate values to show.", "zh": "没有可显示的门值。"},
    "alt.remedy": {"en": "Keys recalled: {parts}.", "zh": "答对的键：{parts}。"},
    "alt.remedy_part": {"en": "{name} {a} at d = {d0}, {b} at d = {d1}",
                        "zh": "{name} 在 d = {d0} 为 {a}，在 d = {d1} 为 {b}"},
    "alt.w_norm_only": {
        "en": "‖W_hh‖₂ of all gates stacked goes from {w0} to {w1} by step {step} (a stack of "
              "gate blocks is not square: it has no spectral radius).",
        "zh": "到第 {step} 步，各门堆叠的 ‖W_hh‖₂ 从 {w0} 变为 {w1}（门的子块堆叠后不是方阵，没有谱半径）。",
    },
    "def.w_norm_gated": {
        "en": "‖W_hh‖₂: the spectral norm of the gated cell's W_hh, its gate blocks stacked "
              "(G·H × H, PyTorch's weight_hh_l0), measured at up to {n} evenly spaced steps. It "
              "is no β_W of a bound: the lecture's bound is about the RNN only.",
        "zh": "‖W_hh‖₂：门控单元的 W_hh（各门子块堆叠而成，G·H × H，即 PyTorch 的 weight_hh_l0）的谱范数，"
              "最多在 {n} 个均匀分布的步上测量。它不是任何上界中的 β_W：讲义的上界只适用于普通 RNN。",
    },
    "q.grad_h.gated": {"en": "‖∂J_t/∂s_k‖₂ (whole state)", "zh": "‖∂J_t/∂s_k‖₂（整个状态）"},
    "q.grad_W.gated": {"en": "‖(∂J_t/∂a^h_k) h_{k−1}ᵀ‖_F (term of ∂J_t/∂W_hh)",
                       "zh": "‖(∂J_t/∂a^h_k) h_{k−1}ᵀ‖_F（∂J_t/∂W_hh 中的一项）"},
    "def.grad_h.gated": {
        "en": "‖∂J_t/∂s_k‖₂: the norm of the gradient of the loss at step t with respect to the "
              "cell's whole state s_k at an earlier step k ≤ t (h_k, or the LSTM's (h_k, c_k)).",
        "zh": "‖∂J_t/∂s_k‖₂：第 t 步的损失对更早的第 k 步（k ≤ t）整个状态 s_k 的梯度的范数"
              "（即 h_k，LSTM 则为 (h_k, c_k)）。",
    },
    "def.grad_W.gated": {
        "en": "‖(∂J_t/∂a^h_k) h_{k−1}ᵀ‖_F: the Frobenius norm of the step-k term of ∂J_t/∂W_hh "
              "(PyTorch's weight_hh_l0, all gates); a^h_k is the state side of the gates' "
              "pre-activations, W_hh times the previous output plus b_hh.",
        "zh": "‖(∂J_t/∂a^h_k) h_{k−1}ᵀ‖_F：∂J_t/∂W_hh（即 PyTorch 的 weight_hh_l0，包含所有门）第 k 项的 "
              "Frobenius 范数；a^h_k 是各门预激活中来自状态的部分，即 W_hh 乘上一步的输出再加 b_hh。",
    },
    "chart.heat_title.gated": {"en": "‖∂J_t/∂s_k‖₂ for every pair k ≤ t (log10 colour)",
                               "zh": "每一对 k ≤ t 的 ‖∂J_t/∂s_k‖₂（颜色为 log10）"},
    "chart.w_norm_gated": {"en": "‖W_hh‖₂ (gates stacked)", "zh": "‖W_hh‖₂（各门堆叠）"},
    "chart.w_title_gated": {"en": "‖W_hh‖₂ of the gates stacked, during training",
                            "zh": "训练过程中各门堆叠的 ‖W_hh‖₂"},
    "ui.w_norm_gated": {"en": "‖W_hh‖₂ (all gates stacked)", "zh": "‖W_hh‖₂（各门堆叠）"},
    "ui.rate_c": {"en": "Measured rate, cell path", "zh": "实测速率（记忆通路）"},
    "ui.gates_title": {"en": "What the gates do to the gradient", "zh": "门对梯度做了什么"},
    "ui.gates_intro": {
        "en": "Per step $j$ of the analysed text, two per-step rates from step 0: the direct path "
              r"alone, $\ln D_j - \ln D_{{j-1}}$ with $D_j = \max_i \prod_{{l \le j}} {gate_sym}_{{l,i}}$ "
              "(the norm of the product of the diagonal factors diag({gate_sym}_l)), and the measured "
              r"$\ln \|\partial {q}_j/\partial {q}_0\|_2 - \ln \|\partial {q}_{{j-1}}/\partial {q}_0\|_2$. "
              "A direct rate near 0 means the {gate} gates stay open, the additive path; where "
              "the measured rate lies above it, paths through h and the gates add to the product, "
              "where below, they take from it.",
        "zh": "在分析文本的每一步 $j$ 上，从第 0 步算起的两个每步速率：只走直接路径的 "
              r"$\ln D_j - \ln D_{{j-1}}$，其中 $D_j = \max_i \prod_{{l \le j}} {gate_sym}_{{l,i}}$"
              "（对角因子 diag({gate_sym}_l) 连乘的范数），以及实测的 "
              r"$\ln \|\partial {q}_j/\partial {q}_0\|_2 - \ln \|\partial {q}_{{j-1}}/\partial {q}_0\|_2$。"
              "直接路径的速率接近 0，说明{gate}门一直敞开，这就是加法通路；实测速率高于它的地方，"
              "经过 h 和各个门的路径使乘积变大，低于它的地方则使乘积变小。",
    },
    "ui.gate.f": {"en": "forget", "zh": "遗忘"},
    "ui.gate.z": {"en": "update", "zh": "更新"},
    "ui.gates_caption": {
        "en": "Averaged over the {n} steps: the direct path {direct} per step, the measured "
              "product {rate} per step.",
        "zh": "对 {n} 步取平均：直接路径为每步 {direct}，实测乘积为每步 {rate}。",
    },
    "chart.gates_title": {"en": "Gate and gradient, step by step (natural log per step)",
                          "zh": "逐步看门与梯度（每步的自然对数）"},
    "chart.gate_series": {"en": "direct path through the {gate} gates",
                          "zh": "经过{gate}门的直接路径"},
    "chart.rate_series": {"en": "measured rate of ‖∂{q}_j/∂{q}_0‖₂",
                          "zh": "‖∂{q}_j/∂{q}_0‖₂ 的实测速率"},
    "axis.ln_per_step": {"en": "natural log per step", "zh": "每步的自然对数"},
    # ---- the remedy lesson: the cells on the long-range task ----
    "preset.remedy.name": {"en": "Remedies for a long memory (LSTM, GRU, orthogonal tanh)",
                           "zh": "长程记忆的对策（LSTM、GRU、正交初始化的 tanh）"},
    "preset.remedy.desc": {
        "en": "An LSTM on the long-range task (d = 10, window T = 60); tab ③ shows its forget "
              "gates beside the measured rate of its cell path. In tab ① turn on “Compare the "
              "cells on this task”: the lecture's sigmoid RNN and three remedies, tanh with an "
              "orthogonal W_hh, the GRU and the LSTM, train with the same text, seed, sizes and "
              "window at d = 5 … 30, and the chart plots the keys each recalls. The sentence "
              "under it states how far back each one recalled in those runs: which remedy "
              "reaches furthest is measured there, not promised here.",
        "zh": "在长程依赖任务上训练的 LSTM（d = 10，窗口 T = 60）；第③页把它的遗忘门与记忆通路的实测速率并列展示。"
              "在第①页打开“在这个任务上比较各种循环单元”：讲义中的 sigmoid RNN 和三种对策（正交初始化的 tanh RNN、"
              "GRU、LSTM）用相同的文本、随机种子、规模和窗口，分别在 d = 5 … 30 上训练，图中画出各自答对的键的比例。"
              "图下的句子给出这些训练中每种单元能回溯多远：哪种对策走得最远，以那里的实测为准，这里不作承诺。",
    },
    "ctl.remedy": {"en": "Compare the cells on this task", "zh": "在这个任务上比较各种循环单元"},
    "ctl.remedy.help": {
        "en": "Train the lecture's sigmoid RNN, tanh with an orthogonal W_hh, the GRU and the "
              "LSTM with these sizes, seed and window at d = {ds}, and plot the keys each "
              "recalls. Runs are shared with everyone who asks for the same ones.",
        "zh": "用当前的规模、随机种子和窗口，分别在 d = {ds} 上训练讲义中的 sigmoid RNN、正交初始化的 "
              "tanh RNN、GRU 和 LSTM，并画出各自答对的键的比例。同样的训练任务会与所有人共享。",
    },
    "ui.remedy_running": {"en": "Training {n} runs, one per cell and distance…",
                          "zh": "正在训练 {n} 个模型，每种单元、每个距离各一个……"},
    "remedy.rnn_sigmoid": {"en": "RNN, sigmoid (the lecture's)", "zh": "RNN，sigmoid（讲义）"},
    "remedy.rnn_tanh_orth": {"en": "RNN, tanh, orthogonal W_hh", "zh": "RNN，tanh，正交 W_hh"},
    "remedy.gru": {"en": "GRU", "zh": "GRU"},
    "remedy.lstm": {"en": "LSTM", "zh": "LSTM"},
    "chart.remedy_title": {"en": "Keys recalled against d, one line per cell (same text, seed, window)",
                           "zh": "答对的键的比例随 d 的变化，每种单元一条线（文本、种子、窗口都相同）"},
    "chart.beyond_window": {"en": "d > T/2 (T = {T}): the window may truncate here",
                            "zh": "d > T/2（T = {T}）：这里窗口可能截断依赖"},
    "ui.remedy_reach": {"en": "{name}: at least {level:.0%} of the keys up to d = {d}",
                        "zh": "{name}：直到 d = {d}，答对的键都不少于 {level:.0%}"},
    "ui.remedy_none": {"en": "{name}: below {level:.0%} already at d = {d}",
                       "zh": "{name}：在 d = {d} 就已低于 {level:.0%}"},
    "ui.remedy_measured": {"en": "Measured in these runs ({steps} steps each, window T = {T}): {parts}.",
                           "zh": "这些训练中实测到（每个训练 {steps} 步，窗口 T = {T}）：{parts}。"},
}
