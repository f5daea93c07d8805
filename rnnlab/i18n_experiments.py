"""The Experiments tab's strings, in English and simplified Chinese (merged into rnnlab.i18n)."""

from __future__ import annotations

EXPERIMENT_STRINGS: dict[str, dict[str, str]] = {
    "tab.experiments": {"en": "⑤ Experiments", "zh": "⑤ 实验"},
    "exp.sep": {"en": "; ", "zh": "；"},
    "exp.intro": {
        "en": "The lecture's claims are comparative: below ‖W_hh‖₂ = 1/γ the gradient must "
              "vanish, above it it may explode; clipping tames explosions. Here they are "
              "measured, across many networks and side by side.",
        "zh": "讲义里的结论都是比较性的：‖W_hh‖₂ 低于 1/γ 时梯度必然消失，高于它时梯度可能爆炸；"
              "梯度裁剪可以抑制爆炸。这里把它们放在许多网络上、并排地实际测出来。",
    },
    "exp.working": {"en": "Computing… {done} of {total}", "zh": "计算中……{done} / {total}"},
    "exp.queued": {"en": "Waiting for a free slot on the server…",
                   "zh": "正在等待服务器空出计算资源……"},
    "exp.failed": {"en": "This part could not be computed: {error}",
                   "zh": "这一部分无法计算：{error}"},
    # ---- 1. the phase diagram ----
    "exp.phase.header": {"en": "1 · The threshold, measured", "zh": "1 · 实测阈值"},
    "exp.phase.intro": {
        "en": "Pascanu, Mikolov & Bengio (2013): ‖W_hh‖₂ < 1/γ is sufficient for the gradient "
              "to vanish, ‖W_hh‖₂ > 1/γ only necessary for it to explode (γ = sup|f′|: 1/4 for "
              "the sigmoid, 1 for tanh, ReLU and linear). Each point is the measured per-step "
              "rate of ‖∂h_t/∂h_k‖₂ of random networks at that ‖W_hh‖₂: below 0 the gradient "
              "vanishes geometrically, above 0 it grows.",
        "zh": "Pascanu、Mikolov 与 Bengio（2013）：‖W_hh‖₂ < 1/γ 是梯度消失的充分条件，"
              "‖W_hh‖₂ > 1/γ 只是梯度爆炸的必要条件（γ = sup|f′|：sigmoid 为 1/4，tanh、ReLU "
              "和线性为 1）。每个点是该 ‖W_hh‖₂ 下随机网络的 ‖∂h_t/∂h_k‖₂ 每步实测速率："
              "低于 0 时梯度按几何级数消失，高于 0 时增长。",
    },
    "exp.phase.method": {
        "en": "Each ‖W_hh‖₂: {seeds} seeds of a random RNN (H = {H}; W_hh: {init}, set to that "
              "norm) reading the analysed text ({T} steps). The rate is the least-squares "
              "slope, through 0, of ln median ‖∂h_t/∂h_k‖₂ against t − k for t − k = 1…{D}, from "
              "{starts} start steps k; since every norm is ≤ (β_W β_h)^(t−k), the rate is ≤ "
              "ln(β_W β_h). Band: the seeds' range.",
        "zh": "每个 ‖W_hh‖₂：{seeds} 个随机种子的 RNN（H = {H}；W_hh：{init}，缩放到该范数）"
              "读取被分析的文本（{T} 步）。速率是 ln（‖∂h_t/∂h_k‖₂ 的中位数） 对 t − k"
              "（t − k = 1…{D}，取 {starts} 个起点 k）过原点的最小二乘斜率；由于每个范数都 ≤ "
              "(β_W β_h)^(t−k)，该速率必然 ≤ ln(β_W β_h)。色带：各种子的范围。",
    },
    "exp.phase.title": {"en": "Measured rate of ‖∂h_t/∂h_k‖₂ against ‖W_hh‖₂",
                        "zh": "‖∂h_t/∂h_k‖₂ 的实测速率与 ‖W_hh‖₂"},
    "exp.axis.w_norm": {"en": "‖W_hh‖₂ (log axis)", "zh": "‖W_hh‖₂（对数轴）"},
    "exp.axis.rate": {"en": "rate (ln per step)", "zh": "速率（每步的自然对数）"},
    "exp.series.bound": {"en": "bound's rate ln(β_W β_h) (dashed)",
                         "zh": "上界速率 ln(β_W β_h)（虚线）"},
    "exp.series.log_rho": {"en": "linear: ln ρ(W_hh), the spectral radius (dotted)",
                           "zh": "线性：ln ρ(W_hh)，谱半径（点线）"},
    "exp.region": {"en": "vanishing guaranteed: {acts}", "zh": "保证消失：{acts}"},
    "exp.threshold": {"en": "1/γ = {v} ({acts})", "zh": "1/γ = {v}（{acts}）"},
    "exp.stage.init": {"en": "this lesson's network at initialisation",
                       "zh": "本课网络（初始化时）"},
    "exp.stage.trained": {"en": "this lesson's network after training",
                          "zh": "本课网络（训练后）"},
    "exp.phase.cross": {
        "en": "{act}: the measured rate first reaches 0 at ‖W_hh‖₂ ≈ {at}, {ratio}× its "
              "threshold 1/γ = {thr}.",
        "zh": "{act}：实测速率在 ‖W_hh‖₂ ≈ {at} 处首次达到 0，是其阈值 1/γ = {thr} 的 {ratio} 倍。",
    },
    "exp.phase.no_cross": {
        "en": "{act}: the measured rate stays below 0 on the whole grid, up to ‖W_hh‖₂ = {max} "
              "({ratio}× its threshold 1/γ = {thr}).",
        "zh": "{act}：在整个网格上实测速率都低于 0，直到 ‖W_hh‖₂ = {max}"
              "（其阈值 1/γ = {thr} 的 {ratio} 倍）。",
    },
    "exp.phase.at_start": {
        "en": "{act}: the measured rate is ≥ 0 already at the grid's smallest ‖W_hh‖₂ = {at} "
              "(threshold 1/γ = {thr}).",
        "zh": "{act}：在网格最小的 ‖W_hh‖₂ = {at} 处实测速率已经 ≥ 0（阈值 1/γ = {thr}）。",
    },
    "exp.phase.sigmoid": {
        "en": "The sigmoid still vanishes at ‖W_hh‖₂ = {last}, {ratio}× its threshold {thr}: "
              "the theorem's condition is sufficient, not necessary.",
        "zh": "sigmoid 在 ‖W_hh‖₂ = {last}（其阈值 {thr} 的 {ratio} 倍）时仍然消失："
              "定理的条件是充分的，而不是必要的。",
    },
    "exp.phase.below": {
        "en": "Every one of the {n} measured rates is at or below its bound's rate ln(β_W β_h).",
        "zh": "全部 {n} 个实测速率都不超过各自的上界速率 ln(β_W β_h)。",
    },
    "exp.phase.above": {
        "en": "{k} of the {n} measured rates lie above their bound's rate: that would "
              "contradict the theorem; please report it.",
        "zh": "{n} 个实测速率中有 {k} 个高于上界速率：这与定理矛盾，请报告这个问题。",
    },
    "exp.phase.linear": {
        "en": "Linear activation: the measured rate stays within {gap} of ln ρ(W_hh) over the "
              "grid — for a linear RNN the spectral radius, not ‖W_hh‖₂, decides.",
        "zh": "线性激活：在整个网格上实测速率与 ln ρ(W_hh) 相差不超过 {gap}"
              "——对线性 RNN 起决定作用的是谱半径，而不是 ‖W_hh‖₂。",
    },
    "exp.phase.trained": {
        "en": "This lesson's network ({act}) started at ‖W_hh‖₂ = {w0} {r0}; after {steps} "
              "training steps it sits at ‖W_hh‖₂ = {w1} {r1}.",
        "zh": "本课的网络（{act}）初始时 ‖W_hh‖₂ = {w0}，{r0}；训练 {steps} 步后位于 "
              "‖W_hh‖₂ = {w1}，{r1}。",
    },
    "exp.phase.rate_of": {"en": "with a rate of {r} per step", "zh": "每步速率 {r}"},
    "exp.phase.rate_none": {
        "en": "with no rate: there every product ∂h_t/∂h_k is exactly 0 (the slopes f′ in it are "
              "0: units switched off or saturated), and a rate is the slope of their logarithm, "
              "so that point is not drawn",
        "zh": "没有速率：此时每个乘积 ∂h_t/∂h_k 都恰好为 0（其中的斜率 f′ 为 0：单元已关闭或已饱和），"
              "而速率是它们的对数的斜率，所以这个点不画在图上",
    },
    "exp.phase.gated": {
        "en": "The theorem and this diagram are about the lecture's RNN: the current cell "
              "({cell}) is not placed in it.",
        "zh": "该定理和这张图针对的是讲义中的 RNN：当前的单元（{cell}）不在图中标出。",
    },
    # ---- 2. runs side by side ----
    "exp.cmp.header": {"en": "2 · Runs side by side", "zh": "2 · 并排比较多次训练"},
    "exp.cmp.intro": {
        "en": "Run A is the current settings; B, C and D change some of them (same text and "
              "seed unless changed). Write the changes as name:value pairs with the link's "
              "names, runs separated by |, for example act:tanh|act:relu or "
              "clip:value,clip_at:1|clip:norm,clip_at:1. The address bar then holds the whole "
              "comparison.",
        "zh": "A 是当前设置；B、C、D 改动其中的某些设置（除非改动，文本和随机种子相同）。"
              "用链接中的参数名写成“name:value”的形式，多次训练之间用 | 分隔，例如 act:tanh|act:relu 或 "
              "clip:value,clip_at:1|clip:norm,clip_at:1。地址栏随即保存整个比较。",
    },
    "exp.cmp.input": {"en": "Runs to compare (B | C | D)", "zh": "要比较的训练（B | C | D）"},
    "exp.cmp.input.help": {
        "en": "Names: act, init, rho, clip, clip_at, opt, lr, hidden, seq, batch, steps, seed, "
              "dist, cell, reset (0 or 1). At most three runs beside A.",
        "zh": "可用名称：act、init、rho、clip、clip_at、opt、lr、hidden、seq、batch、steps、seed、"
              "dist、cell、reset（0 或 1）。除 A 外最多三次训练。",
    },
    "exp.cmp.examples": {"en": "Examples:", "zh": "示例："},
    "exp.cmp.ex.act": {"en": "sigmoid vs tanh vs ReLU", "zh": "sigmoid / tanh / ReLU"},
    "exp.cmp.ex.clip": {"en": "no clipping vs value vs norm", "zh": "不裁剪 / 逐元素 / 按范数"},
    "exp.cmp.ex.init": {"en": "Gaussian vs orthogonal vs identity",
                        "zh": "高斯 / 正交 / 单位矩阵"},
    "exp.cmp.ex.cell": {"en": "RNN vs GRU vs LSTM", "zh": "RNN / GRU / LSTM"},
    "exp.cmp.current": {"en": "A: current settings", "zh": "A：当前设置"},
    "exp.cmp.none": {"en": "Only run A: add runs to compare above.",
                     "zh": "只有 A：请在上方添加要比较的训练。"},
    "exp.cmp.bad_name": {
        "en": "“{part}” is not a setting a comparison can change; left out.",
        "zh": "“{part}” 不是比较中可以改动的设置，已忽略。",
    },
    "exp.cmp.bad_value": {"en": "“{part}”: that setting cannot take this value; left out.",
                          "zh": "“{part}”：该设置不能取这个值，已忽略。"},
    "exp.cmp.bad_config": {
        "en": "“{part}”: the server would refuse this run ({detail}); left out.",
        "zh": "“{part}”：服务器会拒绝这次训练（{detail}），已忽略。",
    },
    "exp.cmp.too_many": {"en": "“{part}”: at most {detail} runs beside A; left out.",
                         "zh": "“{part}”：除 A 外最多 {detail} 次训练，已忽略。"},
    "exp.cmp.run_failed": {"en": "Run {label} did not finish: {error}",
                           "zh": "训练 {label} 未完成：{error}"},
    "exp.cmp.loss_title": {"en": "Loss J (smoothed)", "zh": "损失 J（平滑后）"},
    "exp.cmp.grad_title": {"en": "Gradient norm before clipping", "zh": "裁剪前的梯度范数"},
    "exp.cmp.w_title": {"en": "‖W_hh‖₂ during training", "zh": "训练过程中的 ‖W_hh‖₂"},
    "exp.cmp.gradx_title": {"en": "Contribution by distance: median ‖∂J_t/∂x_k‖",
                            "zh": "按距离的贡献：‖∂J_t/∂x_k‖ 的中位数"},
    "exp.cmp.jac_title": {"en": "Measured ‖∂s_t/∂s_k‖₂ by distance (median)",
                          "zh": "按距离的实测 ‖∂s_t/∂s_k‖₂（中位数）"},
    "exp.axis.grad_x": {"en": "median ‖∂J_t/∂x_k‖ (log)", "zh": "‖∂J_t/∂x_k‖ 中位数（对数）"},
    "exp.axis.jacobian": {"en": "median ‖∂s_t/∂s_k‖₂ (log)", "zh": "‖∂s_t/∂s_k‖₂ 中位数（对数）"},
    "exp.axis.grad_log": {"en": "‖∂J/∂θ‖ (log)", "zh": "‖∂J/∂θ‖（对数）"},
    "exp.cmp.loss_words": {"en": "Last smoothed loss: {runs}.", "zh": "最终平滑损失：{runs}。"},
    "exp.cmp.grad_words": {"en": "Largest gradient norm: {runs}.", "zh": "最大梯度范数：{runs}。"},
    "exp.cmp.gradx_words": {"en": "Median ‖∂J_t/∂x_k‖ at distance {d}: {runs}.",
                            "zh": "距离 {d} 处 ‖∂J_t/∂x_k‖ 的中位数：{runs}。"},
    "exp.cmp.recall_words": {"en": "Recall of the key d characters back: {runs}.",
                             "zh": "回忆 d 个字符之前的键的准确率：{runs}。"},
    "exp.cmp.sweep": {"en": "Recall against d for each run", "zh": "每次训练的回忆准确率与 d"},
    "exp.cmp.sweep.help": {
        "en": "Trains every compared run again on the long-range task at d = {ds} (the remedy "
              "panel's distances, so those trainings are shared with it).",
        "zh": "在 d = {ds} 的长程任务上把每次比较的训练重新训练一遍（与补救面板相同的距离，"
              "所以这些训练与它共享）。",
    },
    "exp.cmp.recall_title": {"en": "Recall of the key d characters back, by run",
                             "zh": "各次训练回忆 d 个字符之前的键"},
    "exp.cmp.recall_sweep_words": {"en": "Keys recalled: {runs}.", "zh": "答对的键：{runs}。"},
    # ---- 4. the exploding gradient up close ----
    "exp.close.header": {"en": "3 · The exploding gradient, up close",
                         "zh": "3 · 近看梯度爆炸"},
    "exp.close.intro": {
        "en": "The current run replayed step by step. Spikes of the gradient norm are rare: a "
              "histogram shows them; the loss along the gradient at the spike shows the cliff "
              "behind them (Pascanu et al. 2013, Figure 6).",
        "zh": "把当前这次训练逐步重放。梯度范数的尖峰很少见：直方图能显示出它们；"
              "沿尖峰处梯度方向的损失显示出其背后的悬崖（Pascanu 等 2013，图 6）。",
    },
    "exp.close.hist_title": {"en": "How many steps had each gradient norm",
                             "zh": "各梯度范数出现的步数"},
    "exp.axis.grad_norm": {"en": "‖∂J/∂θ‖ before clipping (log bins)",
                           "zh": "裁剪前的 ‖∂J/∂θ‖（对数分箱）"},
    "exp.axis.count": {"en": "steps", "zh": "步数"},
    "exp.close.hist_words": {
        "en": "{n} steps: median gradient norm {median}, largest {top} at step {step} ({ratio}× "
              "the median).",
        "zh": "{n} 步：梯度范数中位数 {median}，最大值 {top} 出现在第 {step} 步（中位数的 {ratio} 倍）。",
    },
    "exp.close.clip_zero": {
        "en": "No comparison of value and norm clipping here: no step's gradient norm exceeded "
              "this run's own c = {own}, and at least half of its gradients are exactly 0, so "
              "the median of max|g_i| that would stand in for c is 0, and at c = 0 both rules "
              "turn every gradient into 0 alike.",
        "zh": "这里不比较按值裁剪与按范数裁剪：没有一步的梯度范数超过这次训练自己的 c = {own}，"
              "而且至少一半的梯度恰好为 0，所以用来代替 c 的 max|g_i| 的中位数为 0，而在 c = 0 时，"
              "两种规则都会同样把每个梯度变成 0。",
    },
    "exp.close.hist_zero": {
        "en": "All {n} steps have a gradient norm of exactly 0: no step moved the weights, and a "
              "log axis has nothing to draw.",
        "zh": "全部 {n} 步的梯度范数都恰好为 0：没有一步改变过权重，对数坐标上也没有可画的点。",
    },
    "exp.close.hist_zero_median": {
        "en": "{n} steps: {zero} of them have a gradient norm of exactly 0 (a log axis cannot "
              "show them), so the median is 0; the largest, {top} at step {step}, has no ratio "
              "to a median of 0.",
        "zh": "{n} 步：其中 {zero} 步的梯度范数恰好为 0（对数坐标无法显示），所以中位数为 0；"
              "最大值 {top} 出现在第 {step} 步，它与为 0 的中位数之比无定义。",
    },
    "exp.close.hist_clipped_norm": {"en": "{k} steps were clipped at ‖g‖ = c = {c} (the rule).",
                                    "zh": "有 {k} 步在 ‖g‖ = c = {c} 处被裁剪（图中的竖线）。"},
    "exp.close.hist_clipped_value": {
        "en": "In {k} steps some component of g was clipped to ±c = ±{c}; value clipping bounds "
              "each component, not the norm ‖g‖ on this axis, so c is not marked on it.",
        "zh": "有 {k} 步中 g 的某些分量被截断到 ±c = ±{c}；按值裁剪约束的是每个分量，"
              "而不是横轴上的范数 ‖g‖，所以图中没有标出 c。"},
    "exp.close.cliff_title": {"en": "The loss along the gradient: J(θ − η g/‖g‖)",
                              "zh": "沿梯度方向的损失：J(θ − η g/‖g‖)"},
    "exp.axis.eta": {"en": "η, distance moved along −g/‖g‖ (symlog axis)",
                     "zh": "η，沿 −g/‖g‖ 移动的距离（symlog 轴）"},
    "exp.close.spike": {"en": "spike: step {step}, ‖g‖ = {g}", "zh": "尖峰：第 {step} 步，‖g‖ = {g}"},
    "exp.close.ordinary": {"en": "ordinary: step {step}, ‖g‖ = {g}",
                           "zh": "普通：第 {step} 步，‖g‖ = {g}"},
    "exp.close.at_spike": {"en": "At the spike", "zh": "在尖峰处"},
    "exp.close.at_ordinary": {"en": "At an ordinary step", "zh": "在普通的一步"},
    "exp.close.cliff_line": {
        "en": "{where} (step {step}, ‖g‖ = {g}) the loss goes from {j0} at η = 0 to {jmin} at "
              "best (η = {eta}) and up to {jmax} along the line to η = {end}.",
        "zh": "{where}（第 {step} 步，‖g‖ = {g}），损失从 η = 0 时的 {j0} 最低降到 {jmin}"
              "（η = {eta}），沿直线到 η = {end} 最高为 {jmax}。",
    },
    "exp.close.cliff_rises": {
        "en": "{where} (step {step}, ‖g‖ = {g}) the loss is {j0} at η = 0 and no η > 0 of the "
              "line lowers it: along the line to η = {end} it reaches at most {jmax}.",
        "zh": "{where}（第 {step} 步，‖g‖ = {g}），损失在 η = 0 时为 {j0}，直线上没有哪个 η > 0 "
              "能使它更低：沿直线到 η = {end}，它最高为 {jmax}。",
    },
    "exp.close.cliff_only_start": {
        "en": "{where} (step {step}, ‖g‖ = {g}) the loss is {j0} at η = 0 and not finite at "
              "every η > 0 of the line, from the shortest, η = {first}, on: it overflows float64 "
              "there, so this line has no cliff to show.",
        "zh": "{where}（第 {step} 步，‖g‖ = {g}），损失在 η = 0 时为 {j0}，而在直线上每个 η > 0 处"
              "（从最短的 η = {first} 起）都不是有限值：它在那里超出了 float64 的范围，所以这条线上"
              "看不到悬崖。",
    },
    "exp.close.cliff_overflow": {
        "en": "At {k} of the {n} values of η (the first, η = {eta}) the loss is not finite: it "
              "overflows float64, and those points are not drawn.",
        "zh": "在 {n} 个 η 值中，有 {k} 个（第一个是 η = {eta}）处的损失不是有限值：它超出了 "
              "float64 的范围，这些点不画出。",
    },
    "exp.close.cliff_no_direction": {
        "en": "{where} (step {step}) the gradient is exactly 0: there is no direction g/‖g‖ to "
              "follow, so the loss along it is undefined and not drawn.",
        "zh": "{where}（第 {step} 步），梯度恰好为 0：没有可以沿着走的方向 g/‖g‖，所以沿它的损失"
              "无定义，不画出。",
    },
    "exp.close.cliff_zero": {
        "en": "Every gradient of this run is exactly 0 (even the largest, at step {step}): there "
              "is no direction g/‖g‖ to follow, so the loss along the gradient is undefined and "
              "not drawn.",
        "zh": "这次训练的每个梯度都恰好为 0（连第 {step} 步的最大值也是）：没有可以沿着走的方向 "
              "g/‖g‖，所以沿梯度的损失无定义，不画出。",
    },
    "exp.close.angle_title": {"en": "Clipped gradient's angle to the true gradient",
                              "zh": "裁剪后的梯度与真实梯度的夹角"},
    "exp.axis.degrees": {"en": "angle (degrees)", "zh": "夹角（度）"},
    "exp.close.angle_intro": {
        "en": "The current run twice, with value clipping and with norm clipping at the same "
              "c = {c} (same seed): at every clipped step, the angle between the direction "
              "handed to the optimizer and the true gradient.",
        "zh": "把当前这次训练跑两遍，分别用逐元素裁剪和按范数裁剪（相同的 c = {c} 和随机种子）："
              "在每个被裁剪的步骤上，交给优化器的方向与真实梯度之间的夹角。",
    },
    "exp.close.angle_median": {
        "en": "No step of this run had a gradient norm above its own c = {own}, so c = {c} is "
              "the median over its steps of the largest gradient component max|g_i|.",
        "zh": "这次训练没有任何一步的梯度范数超过它自己的 c = {own}，所以这里取 c = {c}，"
              "即各步最大梯度分量 max|g_i| 的中位数。",
    },
    "exp.close.angle_words": {
        "en": "Value clipping at c = {c} turned the gradient by up to {vmax}° (median {vmed}°) "
              "over {vn} clipped steps; norm clipping by at most {nmax}° over {nn} clipped "
              "steps: it only shortens the gradient.",
        "zh": "在 c = {c} 处逐元素裁剪使梯度方向最多偏转 {vmax}°（中位数 {vmed}°，共 {vn} 个被裁剪的步骤）；"
              "按范数裁剪最多偏转 {nmax}°（共 {nn} 步）：它只把梯度缩短。",
    },
    "exp.close.angle_no_value": {
        "en": "Value clipping at c = {c} clipped no step: every component of the gradient stayed "
              "within ±c, although its norm exceeded c at {nn} steps, where norm clipping turned "
              "it by at most {nmax}°.",
        "zh": "在 c = {c} 处逐元素裁剪没有裁剪任何一步：梯度的每个分量都在 ±c 之内，"
              "尽管有 {nn} 步梯度范数超过了 c；在这些步上按范数裁剪最多使方向偏转 {nmax}°。",
    },
    "exp.close.no_clip": {
        "en": "Neither run clipped a single step at c = {c}: lower the threshold or pick the "
              "exploding lesson to see the difference.",
        "zh": "在 c = {c} 处两次训练都没有裁剪任何一步：降低阈值或选择梯度爆炸那一课才能看出区别。",
    },
    "exp.close.loss_title": {"en": "Loss: value vs norm clipping",
                             "zh": "损失：逐元素裁剪与按范数裁剪"},
    # ---- 3. the long-range benchmark ----
    "exp.lr.header": {"en": "4 · The long-range benchmark", "zh": "4 · 长程依赖基准"},
    "exp.lr.intro": {
        "en": "Recall of the key d characters back on the synthetic long-range task (scored on "
              "a fresh text), against d, in the spirit of Pascanu et al. (2013), Figure 7. "
              "Every run has H = {H}, B = {B}, {steps} training steps and a BPTT window of T = 2d "
              "characters (at least 20), so the dependency always fits in the window: a failure "
              "is the gradient's, not the truncation's. {runs} small trainings ({seeds} seeds "
              "each) run one after the other on one of the server's two training slots — a few "
              "minutes, unless the results were shipped with the app.",
        "zh": "在合成长程依赖任务上（在一段新的文本上评分），回忆 d 个字符之前的键的准确率与 d 的关系，"
              "仿照 Pascanu 等（2013）的图 7。每次训练 H = {H}、B = {B}、训练 {steps} 步，BPTT 窗口 "
              "T = 2d 个字符（至少 20），依赖总在窗口之内：失败是梯度造成的，而不是截断造成的。"
              "{runs} 次小规模训练（每种 {seeds} 个随机种子）在服务器两个训练名额之一上依次进行"
              "——需要几分钟，除非应用已经附带了预先算好的结果。",
    },
    "exp.lr.run": {"en": "Run the long-range benchmark", "zh": "运行长程依赖基准"},
    "exp.lr.run.help": {"en": "Off by default: it trains over a hundred small networks.",
                        "zh": "默认关闭：它要训练一百多个小网络。"},
    "exp.lr.title": {"en": "Recall of the key d characters back",
                     "zh": "回忆 d 个字符之前的键"},
    "exp.lr.axis_d": {"en": "dependency distance d (BPTT window T = 2d, at least 20)",
                      "zh": "依赖距离 d（BPTT 窗口 T = 2d，至少 20）"},
    "exp.lr.setting.sigmoid": {"en": "lecture's sigmoid RNN", "zh": "讲义中的 sigmoid RNN"},
    "exp.lr.setting.tanh_orthogonal": {"en": "tanh, orthogonal W_hh", "zh": "tanh，正交 W_hh"},
    "exp.lr.setting.irnn": {"en": "IRNN (ReLU, W_hh = I)", "zh": "IRNN（ReLU，W_hh = I）"},
    "exp.lr.setting.gru": {"en": "GRU", "zh": "GRU"},
    "exp.lr.setting.lstm": {"en": "LSTM", "zh": "LSTM"},
    "exp.lr.with_clip": {"en": " + norm clipping at 1", "zh": " + 按范数裁剪（c = 1）"},
    "exp.lr.words": {
        "en": "{setting}: median recall ≥ 90% up to d = {d}; {acc} at d = {far}.",
        "zh": "{setting}：直到 d = {d}，回忆准确率中位数都 ≥ 90%；在 d = {far} 处为 {acc}。",
    },
    "exp.lr.words_none": {
        "en": "{setting}: median recall below 90% at every d; {acc} at d = {far}.",
        "zh": "{setting}：在所有 d 上回忆准确率中位数都低于 90%；在 d = {far} 处为 {acc}。",
    },
}
