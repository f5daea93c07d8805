"""Every string of the lab in English, one table: key -> text.

A text is a str.format template: its placeholders are filled by `t(key, lang, **params)`
from the caller's params and from rnnlab.teaching.i18n.CONSTANTS (the engine's numbers, so
that a sentence about them cannot go stale). The Chinese table (zh.py) has the same keys;
tests/test_i18n.py checks that, and the placeholders, in both.
"""

STRINGS: dict[str, str] = {
    # ==== the lecture's words: options, errors, verdicts, definitions ====
    # ---- option labels: language-neutral codes -> display names (see option_label) ----
    "option.act.sigmoid": "sigmoid σ",
    "option.act.tanh": "tanh",
    "option.act.relu": "ReLU",
    "option.act.linear": "linear (identity)",
    "option.init.gaussian": "Gaussian, rescaled",
    "option.init.orthogonal": "orthogonal",
    "option.init.identity": "identity (IRNN)",
    "option.opt.sgd": "SGD",
    "option.opt.adagrad": "Adagrad",
    "option.opt.adam": "Adam",
    "option.clip.none": "no clipping",
    "option.clip.value": "element-wise ±c",
    "option.clip.norm": "global norm",
    "option.corpus.english": "English text",
    "option.corpus.chinese": "Chinese text",
    "option.corpus.longrange": "synthetic long-range",
    "option.corpus.upload": "upload your own",
    "option.lang.en": "English",
    "option.lang.zh": "中文",

    # ---- corpus errors ----
    "err.empty": (
        "The file is empty: there is no text to learn from. Upload a .txt file with some text."
    ),
    "err.binary": (
        "This file looks binary ({kind}), not like plain text. Please upload a UTF-8 .txt file."
    ),
    "err.not_utf8": "The file is not valid UTF-8 text. Save it with UTF-8 encoding and try again.",
    "err.too_short": (
        "The text has {chars} characters; one training window needs at least {needed}."
    ),
    "err.too_large": (
        "The file has {size:,} bytes, more than the {limit_mb:g} MB limit ({limit:,} bytes)."
    ),
    "err.unknown_corpus": (
        "Unknown corpus. Choose one of the built-in corpora or upload a text file."
    ),

    # ---- training ----
    "diverged": (
        "Training diverged at step {step}: the loss, a gradient or the hidden state became NaN or "
        "infinite. The curves stop there; the analysis uses the last finite parameters. Compare "
        "the forward state ‖h_T‖₂ with the gradient norm: if the state grew window after window, "
        "the activations blew up (a carried state with ReLU or the linear activation); if the "
        "gradient norm spiked while the state stayed bounded, the gradient exploded. Lower the "
        "learning rate, clip the gradient, lower ‖W_hh‖₂, or start every window from h₀ = 0."
    ),

    # ---- configuration and link validation ----
    "cfg.out_of_range": "{name} must be between {lo} and {hi}; got {value}.",
    "cfg.not_a_number": "{name} must be a number; got “{value}”.",
    "cfg.unknown_choice": "{name} must be one of {choices}; got “{value}”.",
    "cfg.off_grid": "{name} must be one of {choices}; got {value}.",

    # ---- a link's values the page could not use as written (rnnlab.config.decode) ----
    "link.intro": "This link has settings the page could not use as written:",
    "link.what": "“{label}” ({name}=“{value}”)",
    "link.used_auto": "its usual choice (the last one)",
    "link.used_empty": "an empty box",
    "value.too_long": (
        "{what} is {length} characters long, more than the {max} it can take; the page uses {used}."
    ),
    "value.empty": "{what} is empty; the page uses {used}.",
    "value.unknown_choice": "{what} is not one of {choices}; the page uses {used}.",
    "value.not_a_flag": "{what} is neither true nor false; the page uses {used}.",
    "value.not_a_number": (
        "{what} is not a number written with the digits 0-9; the page uses {used}."
    ),
    "value.not_whole": "{what} is not a whole number; the page uses {used}.",
    "value.out_of_range": "{what} is outside {lo} to {hi}; the page uses {used}.",
    "value.off_grid": "{what} is not one of the slider's stops ({choices}); the page uses {used}.",
    "value.repeated": "{what} is given {count} times; the page reads the last one and uses {used}.",

    # ---- regime verdicts ----
    "verdict.vanishing_guaranteed": (
        "β_W β_h = {prod:.3g} < 1: the bound forces ‖∂h_t/∂h_k‖ to shrink at least as fast as "
        "{prod:.3g}^(t−k) — vanishing is guaranteed."
    ),
    "verdict.bound_silent": (
        "β_W β_h = {prod:.3g} ≥ 1: the bound allows growth, but proves nothing; whether gradients "
        "vanish or explode is decided by the measured curve."
    ),
    "verdict.sigmoid_note": (
        "For the sigmoid β_h = 1/4 (σ′ peaks at z = 0, where it equals 1/4), so any ‖W_hh‖₂ < 4 "
        "already guarantees vanishing."
    ),

    # ---- lesson presets ----
    "preset.lecture.name": "The lecture's RNN (sigmoid)",
    "preset.lecture.desc": (
        "The network of the lecture note: a sigmoid RNN with ‖W_hh‖₂ = 1 at the start. Since σ′ ≤ "
        "1/4, β_W β_h = 1/4 < 1 before training, so vanishing is guaranteed. Training pushes "
        "‖W_hh‖₂ above 4: afterwards the bound guarantees nothing, yet the measured ‖∂h_t/∂h_k‖₂ "
        "still decays with distance at each of the five checkpoints in tab ③, and the effective "
        "horizon stays within about ten characters."
    ),
    "preset.edge.name": "At the edge (tanh, orthogonal)",
    "preset.edge.desc": (
        "A tanh RNN whose W_hh starts orthogonal: every singular value is 1, so β_W β_h = 1 and "
        "the bound no longer forces vanishing. Because tanh′ < 1 away from 0, the measured product "
        "still shrinks, slowly: before training by a few per cent a step, so the terms of "
        "∂J_t/∂W_hh stay above 10⁻³ of the nearest ones across the whole analysed text (the "
        "horizon lies beyond it), where the lecture preset's horizon is a few characters. Training "
        "moves ‖W_hh‖₂ well away from 1 and the horizon shrinks to a couple of dozen characters or "
        "less."
    ),
    "preset.exploding.name": "Exploding gradients (tanh, ‖W_hh‖₂ = 4)",
    "preset.exploding.desc": (
        "A tanh RNN with ‖W_hh‖₂ = 4, trained by plain SGD (learning rate 1.25) without clipping. "
        "tanh keeps every unit inside (−1, 1), so the forward state cannot blow up: ‖h_T‖₂ stays "
        "below √H (see its chart). The back-propagated product ∂h_t/∂h_k, however, grows with "
        "distance at these weights (tab ③, before training), and the gradient norm spikes to more "
        "than a hundred times its first value. The huge steps throw the weights far away: the loss "
        "ends above chance level, worse than guessing. The clipped lesson is this very run with "
        "clipping."
    ),
    "preset.clipped.name": "Exploding, but clipped",
    "preset.clipped.desc": (
        "The exploding lesson's run, same seed and settings, with one difference: global-norm "
        "gradient clipping at c = 1 (Pascanu, Mikolov & Bengio 2013). Whenever ‖∂J/∂θ‖₂ exceeds c, "
        "the whole gradient is rescaled to norm c: its direction is kept, only the step is capped. "
        "Here that happens on about half the steps; the loss never climbs above its starting value "
        "and training ends well below chance level, where the unclipped run ends above it. "
        "Clipping leaves the Jacobians alone: before training both runs have the same growing "
        "∂h_t/∂h_k."
    ),
    "preset.state_blowup.name": "Exploding activations (ReLU, carried state)",
    "preset.state_blowup.desc": (
        "The other way training blows up, for contrast. A ReLU RNN with ‖W_hh‖₂ = 3 carries its "
        "hidden state from one window to the next, and ReLU does not bound it: ‖h_T‖₂ grows by "
        "orders of magnitude within a few windows until the forward pass overflows, and training "
        "diverges. The state explodes first: it does so even with the weights frozen at their "
        "start. The gradient explodes with it, as a consequence (for ReLU the product that carries "
        "the state forward also carries the gradient back). Start every window from h₀ = 0 and the "
        "same settings train without diverging."
    ),
    "preset.irnn.name": "IRNN (identity-initialised ReLU)",
    "preset.irnn.desc": (
        "The recipe of Le, Jaitly & Hinton (2015): a ReLU RNN whose W_hh starts as the identity "
        "matrix. At first every active unit copies its value forward, so each one-step Jacobian is "
        "a 0/1 diagonal mask and ‖∂h_t/∂h_k‖₂ is exactly 1 as long as some unit stays active along "
        "the way: before training the product neither shrinks nor grows. Training moves W_hh away "
        "from I and the horizon becomes finite, a few dozen characters. A long memory is not a "
        "learned task: on the long-range task (d = 20, with that lesson's window and steps) these "
        "settings recall no more keys than tanh with an orthogonal start; both stay near chance."
    ),
    "preset.longrange.name": "Long-range test",
    "preset.longrange.desc": (
        "A synthetic text in which the character after each cue repeats the key seen d = 20 "
        "characters earlier, with random filler in between. With a 50-character BPTT window and "
        "600 steps the model recalls those keys hardly better than chance (1/8); sweep the "
        "distance to see that short ones (d = 2) are learned almost perfectly. d = 20 is not out "
        "of reach for good: with a 100-character window and 300 steps (the same amount of work) "
        "recall at d = 20 rises well above chance (to more than half the keys on this seed)."
    ),

    # ---- definitions shown under the charts ----
    "def.loss": (
        "Loss J: the mean cross-entropy per character, −ln ŷ_t[y_t] averaged over all steps, in "
        "nats. Guessing uniformly scores ln|V| (chance level), where |V| is the vocabulary size."
    ),
    "def.grad_norm": (
        "Gradient norm ‖∂J/∂θ‖₂: the global norm of the gradient over all parameters θ = (W_hx, "
        "W_hh, b_h, W_S, b_y), i.e. the square root of the sum of all squared entries, measured "
        "before clipping."
    ),
    "def.w_norm": (
        "‖W_hh‖₂: the spectral norm of W_hh, its largest singular value (this is β_W in the bound, "
        "and what the link's rho sets at initialisation). r(W_hh): the spectral radius, its "
        "largest |eigenvalue|. Always r(W_hh) ≤ ‖W_hh‖₂, with equality e.g. for symmetric or "
        "orthogonal W_hh. Both describe the weights a step starts from (step 1: the "
        "initialisation), measured at up to {measurements} evenly spaced steps."
    ),
    "def.grad_h": (
        "‖∂J_t/∂h_k‖₂: the norm of the gradient of the loss at step t with respect to the hidden "
        "state at an earlier step k ≤ t."
    ),
    "def.grad_x": (
        "‖∂J_t/∂x_k‖₂: the norm of the gradient of the loss at step t with respect to the one-hot "
        "input x_k: how much the character read at step k still moves the prediction at step t."
    ),
    "def.grad_W": (
        "‖(∂J_t/∂z_k) h_{{k−1}}ᵀ‖_F: the Frobenius norm of the step-k term of ∂J_t/∂W_hh in the "
        "chain rule — what step k contributes to the update of W_hh for the prediction at step t."
    ),
    "def.measured": (
        "Measured ‖∂h_t/∂h_k‖₂: the largest singular value of the product of the one-step "
        "Jacobians diag(f′(z_j)) W_hh for j = k+1, …, t, on the actual sequence."
    ),
    "def.stepwise_bound": (
        "Stepwise bound: the product ∏ ‖W_hh‖₂ max_i |f′(z_{{j,i}})| over the steps j = k+1, …, t, "
        "which uses the largest slope actually reached at each step. The measured curve never "
        "rises above it."
    ),
    "def.bound": (
        "Bound (β_W β_h)^(t−k), with β_W = ‖W_hh‖₂ and β_h = sup |f′| (1/4 for the sigmoid, 1 for "
        "tanh, ReLU and linear): the worst case over all inputs."
    ),
    "def.horizon": (
        "Effective horizon: the first distance t−k at which the median size of the ∂J_t/∂W_hh "
        "term, ‖(∂J_t/∂z_k) h_{{k−1}}ᵀ‖_F, falls below 10⁻³ of its median at distance 0. Left out: "
        "the step-1 terms, 0 by construction since h_0 = 0, and distances with fewer than {min_pairs} pairs "
        "(t, k). When the fitted rate of the medians is ≥ 0 there is no decay and no horizon; when "
        "they decay but never get that low, the horizon lies beyond the analysed text."
    ),
    "def.share_beyond": (
        "Share beyond d: of the summed sizes Σ‖(∂J_t/∂z_k) h_{{k−1}}ᵀ‖_F of all the terms of "
        "∂J/∂W_hh, the part from distances t−k > d (terms can partly cancel, so this is not a "
        "fraction of ‖∂J/∂W_hh‖ itself)."
    ),

    # ==== the page ====
    # ---- page ----
    "ui.title": "rnnlab · vanishing and exploding gradients",
    "ui.subtitle": (
        "A character-level RNN in pure numpy, trained live with exact back-propagation through "
        "time. Watch how far back its gradient reaches."
    ),
    "tab.training": "① Training",
    "tab.distant": "② Distant words",
    "tab.jacobian": "③ Jacobian norms",
    "tab.theory": "④ Theory",
    "ui.data": "Text",
    "ui.model": "Model",
    "ui.training": "Training",
    "ui.queued": "Waiting for a free training slot (the server trains {slots} runs at a time)…",
    "ui.training_now": "Training… the curves update live.",
    "ui.progress": "step {step} of {steps}",
    "ui.trained": (
        "Trained {steps} steps. Smoothed loss now {loss} nats per character (chance level ln|V| = "
        "{chance})."
    ),
    "ui.one_char": (
        "This text has a single distinct character, so every next character is certain: the loss "
        "is 0 from the first step, every gradient is exactly 0 and training changes nothing. The "
        "Distant words tab has no gradient to measure (its horizon and shares are undefined); the "
        "Jacobian norms of tab ③ do not depend on the loss and are measured as usual."
    ),
    "ui.run_failed": "Training could not run: {error}",
    "ui.upload_first": (
        "Choose a .txt file (UTF-8, up to {upload_mb} MB) to upload in the sidebar. Until then the lab uses "
        "the English text."
    ),
    "ui.using_english": "The lab uses the English text instead.",
    "ui.sample": "What the model writes",
    "ui.sample_failed": (
        "No sample: the model's hidden state overflows (the weights have exploded)."
    ),
    "ui.download_history": "Download the training history (CSV)",
    "ui.download_params": "Download the trained parameters (.npz)",
    "ui.download_csv": "Download this chart's data (CSV)",
    "ui.see_chart": "Shown in the lab: {chart}.",
    "chartid.training.loss": "① Training → loss per step",
    "chartid.training.grad_norm": "① Training → gradient norm per step",
    "chartid.training.w_norm": "① Training → ‖W_hh‖₂ per step",
    "chartid.distant.by_distance": "② Distant words → contribution by distance",
    "chartid.jacobian.by_distance": "③ Jacobian norms → measured against the bound",
    "cfg.too_much_work": (
        "This combination is too heavy for a shared classroom server: its training would take "
        "about {seconds} s of computing, and the limit is {limit} s. Lower the hidden size, "
        "the sequence length, the batch or the number of steps. The defaults are shown instead."
    ),
    "cfg.too_much_page_work": (
        "This combination is too heavy for a shared classroom server: its training and the "
        "analyses of its page would take about {seconds} s of computing (the analyses "
        "{analyses} s of them), and the limit is {limit} s. Lower the hidden size, the "
        "sequence length, the batch or the number of steps. The defaults are shown instead."
    ),

    # ---- controls ----
    "ctl.lang": "Language",
    "ctl.lang.help": "The page's language; the link keeps it (lang=zh).",
    "ctl.preset": "Lesson",
    "ctl.preset.help": (
        "Each lesson sets every control at once to show one point of the lecture. You can change "
        "any control afterwards."
    ),
    "ctl.corpus": "Training text",
    "ctl.corpus.help": (
        "Bundled English or Chinese essays, a synthetic task with a dependency a fixed distance "
        "back, or your own .txt file."
    ),
    "ctl.dist": "Dependency distance d",
    "ctl.dist.help": (
        "In the synthetic text, a character must repeat the key seen exactly d characters earlier."
    ),
    "ctl.upload": "Your text (.txt, UTF-8, up to {upload_mb} MB)",
    "ctl.upload.help": (
        "Plain UTF-8 text. The {known} most frequent characters are kept; every rarer one becomes "
        "one unknown symbol ({max_vocab} symbols in all)."
    ),
    "ctl.act": "Activation f",
    "ctl.act.help": (
        "h_t = f(z_t). Its largest slope is β_h: 1/4 for the sigmoid, 1 for the others."
    ),
    "ctl.hidden": "Hidden size H",
    "ctl.hidden.help": "Number of hidden units: h_t has H components.",
    "ctl.init": "Initialisation of W_hh",
    "ctl.init.help": (
        "Random Gaussian, a random orthogonal matrix, or the identity (IRNN); then scaled to the "
        "‖W_hh‖₂ below."
    ),
    "ctl.rho": "‖W_hh‖₂ at initialisation (β_W)",
    "ctl.rho.help": (
        "The largest singular value of W_hh before training: the lab's main dial between vanishing "
        "and exploding."
    ),
    "ctl.seq": "Sequence length T (BPTT window)",
    "ctl.seq.help": (
        "Characters per truncated-BPTT window; the gradient never reaches further back."
    ),
    "ctl.batch": "Batch B (parallel streams)",
    "ctl.batch.help": "The text is read as B streams side by side.",
    "ctl.opt": "Optimizer",
    "ctl.opt.help": "How a gradient becomes a parameter update.",
    "ctl.lr": "Learning rate",
    "ctl.lr.help": "Step size of the optimizer.",
    "ctl.clip": "Gradient clipping",
    "ctl.clip.help": (
        "None; each component to ±c (as in min-char-rnn); or the whole gradient rescaled to norm c "
        "when it is longer (Pascanu et al. 2013)."
    ),
    "ctl.clip_at": "Clipping threshold c",
    "ctl.clip_at.help": "The c of the clipping rule.",
    "ctl.steps": "Training steps",
    "ctl.steps.help": "Number of parameter updates.",
    "ctl.seed": "Random seed",
    "ctl.seed.help": "Fixes the initial weights: the same link always gives the same curves.",
    "ctl.reset": "Start every window from h₀ = 0",
    "ctl.reset.help": (
        "Off: the hidden state is carried from one window to the next, as in min-char-rnn (the "
        "gradient still stops at the window's start). On: every window starts from zeros."
    ),
    "ctl.temperature": "Sampling temperature",
    "ctl.temperature.help": (
        "Below 1 the model picks likely characters; above 1 it takes more risks."
    ),

    # ---- charts ----
    "chart.series": "curve",
    "chart.median": "median over t",
    "chart.loss_title": "Loss J per training step",
    "chart.loss_raw": "J (this step)",
    "chart.loss_smooth": "J (smoothed)",
    "chart.chance": "chance ln|V| = {v:.2f}",
    "chart.chance_title": "chance level",
    "chart.grad_title": "Gradient norm ‖∂J/∂θ‖₂ before clipping (log scale)",
    "chart.clipped": "clipped",
    "chart.clipped_yes": "clipped step",
    "chart.clipped_no": "not clipped",
    "chart.clip_rule": "threshold c = {c:g}",
    "chart.clip_title": "clipping",
    "chart.w_title": "‖W_hh‖₂ and the spectral radius r(W_hh) during training",
    "chart.w_norm": "‖W_hh‖₂ = β_W",
    "chart.rho": "spectral radius r(W_hh)",
    "axis.step": "training step",
    "axis.loss": "J (nats per character)",
    "axis.loss_log": "J (nats per character, log scale)",
    "axis.grad_norm": "‖∂J/∂θ‖₂",
    "axis.w_norm": "value",
    "axis.distance": "distance t − k (steps back)",
    "axis.t": "t (predicting step)",
    "axis.k": "k (earlier step)",

    # ---- distant words ----
    "ctl.text": "Text to analyse (leave empty for a passage of the training text)",
    "ctl.text.help": (
        "Up to {text_max} characters. The model reads it from h_0 = 0 and predicts each next character; "
        "characters it has never seen are left out."
    ),
    "ui.text_too_short": "That text is too short to analyse; the passage is shown instead.",
    "ui.dropped_chars": "Left out (not in the model's vocabulary): {chars}",
    "ui.analysis_failed": (
        "This analysis cannot be computed for these weights ({error}). Try the checkpoint before "
        "training, or settings that do not explode."
    ),
    "ui.distant_intro": (
        "By the chain rule, the gradient of the loss J_t at step t is a sum of one term per "
        "earlier step k. Each curve shows how large those terms are, as a function of how far back "
        "k lies (median over t, band from the 10th to the 90th percentile). A straight line "
        "falling on this log axis is a geometric decay: vanishing."
    ),
    "q.grad_h": "‖∂J_t/∂h_k‖₂",
    "q.grad_x": "‖∂J_t/∂x_k‖₂ (input character)",
    "q.grad_W": "‖(∂J_t/∂z_k) h_{{k−1}}ᵀ‖_F (term of ∂J_t/∂W_hh)",
    "ui.horizon": "Effective horizon",
    "ui.steps_back": "{n} characters back",
    "ui.beyond_text": "beyond the analysed text ({n} characters)",
    "ui.no_decay": "no decay (rate {rate:+.3f} per step)",
    "ui.undefined": "undefined",
    "ui.horizon_undefined": (
        "The effective horizon is undefined: at distance 0, {zero} of the {n} terms are exactly 0, "
        "so their median, the size every distant term is compared with, is 0."
    ),
    "ui.silent_certain": (
        "{n} of them because the model is certain of the next character: its softmax gives it "
        "probability 1 in float64, so J_t = 0 and no gradient flows back."
    ),
    "ui.silent_slopes": (
        "{n} of them although J_t > 0: at step t either the slope f′(z_t) is 0 wherever ∂J_t/∂h_t "
        "is not (every ReLU unit switched off, for instance) or the previous state h_{{t−1}} is 0."
    ),
    "ui.share_undefined": (
        "Every term of ∂J/∂W_hh on this text is exactly 0, so the shares from beyond d are "
        "undefined too: there is no total to take a share of."
    ),
    "ui.rate_undefined_zero": (
        "The measured rate is undefined: the median ‖∂h_t/∂h_k‖₂ is exactly 0 at {zero} of the {n} "
        "distances, and a line through its logarithm needs at least two that are not."
    ),
    "ui.rate_undefined_short": (
        "The measured rate is undefined: a line through the medians needs at least two distances, "
        "and this text gives {n}."
    ),
    "ui.few_pairs": (
        "Beyond distance {d} fewer than {n} pairs (t, k) remain per distance, so their medians "
        "rest on a handful of terms (the dotted line on the chart); the horizon ignores them. The "
        "step-1 term of ∂J_t/∂W_hh, (∂J_t/∂z_1) h_0ᵀ, is 0 by construction (h_0 = 0) and is left "
        "out of the horizon too."
    ),
    "ui.share_beyond": "∂J/∂W_hh terms from beyond d = {d}",
    "chart.distant_title": "Contribution of step k to the gradient of J_t, by distance t − k",
    "axis.contribution": "size of the step-k term (log scale)",
    "ui.shading": "Which earlier characters and words matter for one prediction",
    "ctl.pos": "Prediction at step t",
    "ctl.pos.help": "J_t scores the prediction of the character after the t-th one.",
    "ctl.by_word": "By word",
    "ctl.by_word.help": (
        "Shade each word by the sum over its characters (a CJK character is a word of its own), or "
        "each character by itself."
    ),
    "ui.shading_caption": (
        "After reading character {t} ({char}) the model predicts the next one, {next}. Colour: "
        "log10 ‖∂J_t/∂x_k‖₂, how much character k could change that prediction's loss (by word: "
        "summed over the word's characters); brighter is more."
    ),
    "chart.shading_title": "Contribution to the prediction at t = {t}",
    "chart.char": "character",
    "ui.top_words": "Largest contributions: {words}",
    "ui.slopes_vs_directions": (
        "At distance {d} the stepwise bound is within a factor {slopes:.2g} of the lecture's "
        "bound, so their lines overlap: at every step some unit sits where f′ is largest, and the "
        "actual slopes barely tighten it. The remaining {dirs:.0f} orders of magnitude down to the "
        "measured norm split in two, both measured: {steps} are lost within single steps "
        "(‖diag(f′(z_j)) W_hh‖₂ against ‖W_hh‖₂ max|f′(z_j)|, summed over the steps) and "
        "{products} in the product (‖∏ J_j‖₂ against ∏ ‖J_j‖₂, the slack of ‖AB‖ ≤ ‖A‖ ‖B‖)."
    ),
    "ui.form_verdict_grows": (
        "On this run the note's formula changes the verdict: its product grows with distance (rate "
        "{lecture:+.3f} per step) while the true ∂h_t/∂h_k decays ({correct:+.3f}). Taking f′ at "
        "h_{{j−1}} instead of z_j is not a detail here."
    ),
    "ui.form_verdict_decays": (
        "On this run the note's formula changes the verdict: its product decays with distance "
        "(rate {lecture:+.3f} per step) while the true ∂h_t/∂h_k grows ({correct:+.3f})."
    ),
    "ui.beyond_float64": (
        "Some of these values exceed 1.8e308, the largest number a float64 holds: their curves "
        "stop there. The downloaded CSV keeps them exactly as log10_ columns."
    ),
    "ui.no_gradient_at_t": (
        "Every contribution to this prediction is exactly 0: the model's softmax gives the right "
        "next character probability 1 to float64 precision, so J_t = 0 and nothing flows back."
    ),
    "ui.no_gradient_slopes_at_t": (
        "Every contribution to this prediction is exactly 0, although J_t > 0: ∂J_t/∂h_t is not 0, "
        "but at step t the slope f′(z_t) is 0 for every unit it reaches (every ReLU unit switched "
        "off, for instance), so nothing passes back to any earlier character."
    ),
    "ui.no_gradient_other_t": "Choose another step t.",
    "ui.no_gradient_anywhere": "The same holds at every step t of this text.",
    "ui.heatmap": "Every pair (t, k)",
    "chart.heat_title": "‖∂J_t/∂h_k‖₂ for every pair k ≤ t (log10 colour)",
    "chart.share_title": "Share of the ∂J/∂W_hh terms coming from beyond distance d",
    "axis.beyond_d": "d (characters back)",
    "axis.share": "share beyond d",

    # ---- jacobian norms ----
    "ui.jacobian_intro": (
        "The factor that carries the gradient from step t back to step k is the Jacobian product "
        "∂h_t/∂h_k. The chart compares its measured spectral norm with two upper bounds: the "
        "lecture's (β_W β_h)^(t−k) and the tighter stepwise bound that uses the slopes actually "
        "reached on this text."
    ),
    "ctl.checkpoint": "Weights",
    "ctl.checkpoint.help": "Analyse the weights before, during or after training.",
    "ui.before_training": "before training",
    "ui.not_a_checkpoint": (
        "The weights after step {step} are not kept in this run (its checkpoints: {steps}); the "
        "slider shows the last."
    ),
    "ui.after_training": "after training (step {n})",
    "ui.at_step": "step {n}",
    "ctl.lecture_form": "Use the note's formula",
    "ctl.lecture_form.help": (
        "Multiply W_hhᵀ diag(f′(h_{{j−1}})) as the lecture note writes, instead of the correct "
        "diag(f′(z_j)) W_hh. See the one-step chart below for where they differ."
    ),
    "ui.rates": "Measured rate per step",
    "ui.rates.help": (
        "Slope of ln ‖∂h_t/∂h_k‖₂ against t − k (fitted to the medians). The bound's rate is "
        "ln(β_W β_h) = {bound}: each step back can multiply a pair's norm by at most β_W β_h."
    ),
    "q.measured": "measured ‖∂h_t/∂h_k‖₂",
    "q.measured_lecture": "measured, note's formula W_hhᵀ diag(f′(h_{{j−1}}))",
    "q.word_x": "Σ over the word of ‖∂J_t/∂x_k‖₂",
    "q.stepwise_bound_lecture": "stepwise bound, note's form ∏ ‖W_hh‖₂ max|f′(h_{{j−1}})|",
    "def.measured_lecture": (
        "Measured, note's formula: the largest singular value of the product of W_hhᵀ "
        "diag(f′(h_{{j−1}})) over j = k+1, …, t: the slope taken at the previous state instead of "
        "the pre-activation z_j, which is what the note writes."
    ),
    "def.stepwise_bound_lecture": (
        "Stepwise bound, note's form: the product of ‖W_hh‖₂ max_i |f′(h_{{j−1,i}})| over the same "
        "steps; it bounds the note's product, not the true Jacobian."
    ),
    "q.stepwise_bound": "stepwise bound ∏ ‖W_hh‖₂ max|f′(z_j)|",
    "q.bound": "lecture's bound (β_W β_h)^(t−k)",
    "chart.jacobian_title": "‖∂h_t/∂h_k‖₂ measured against its bounds, by distance t − k",
    "ui.pairs_sampled": (
        "To stay fast at this hidden size, {n} pairs (t, k) from evenly spaced start steps k were "
        "computed, each exactly."
    ),
    "chart.jheat_title": "Measured ‖∂h_t/∂h_k‖₂ for every pair k < t (log10 colour)",
    "ui.one_step": "One step: the right Jacobian and the note's",
    "ui.one_step_intro": (
        "Each step's Jacobian is diag(f′(z_j)) W_hh. Its transpose W_hhᵀ diag(f′(z_j)) is what "
        "back-propagation multiplies by and has exactly the same norm. The note evaluates f′ at "
        "h_{{j−1}} instead of z_j; that changes the numbers (except for the linear activation, where "
        "f′ = 1 everywhere)."
    ),
    "form.correct": "‖diag(f′(z_j)) W_hh‖₂ (correct)",
    "form.transpose": "‖W_hhᵀ diag(f′(z_j))‖₂ (transpose: same norm)",
    "form.lecture": "‖W_hhᵀ diag(f′(h_{{j−1}}))‖₂ (the note)",
    "axis.j": "step j",
    "axis.one_step": "norm of the one-step Jacobian",
    "chart.one_step_title": "Norm of each step's Jacobian, three ways",
    "err.window_too_long": (
        "This text has {chars} characters, fewer than one training window of the link needs "
        "({needed} = batch × sequence length + 1). The default batch and sequence length are used "
        "instead."
    ),
    "ui.server": (
        "Server: {started} training runs started, {running} running, {cached} kept ({mb:.1f} MB)."
    ),

    # ---- the long-range task ----
    "ui.recall": "Does it remember the key d = {d} characters back?",
    "ui.recall_acc": "Keys recalled",
    "ui.recall_loss": "Loss on the keys (nats)",
    "ui.vs_chance": "vs chance",
    "def.recall": (
        "Scored on a fresh text of the same task: at every position where the key must come back, "
        "is the model's most likely next character that key? Chance is 1/8."
    ),
    "ctl.sweep": "Sweep the distance d",
    "ctl.sweep.help": (
        "Train the same settings at d = 2, 5, 10, 15, 20, 30 and 45 and plot how many keys each "
        "recalls. Runs are shared with everyone who asks for the same ones."
    ),
    "ui.sweeping": "Training one model per distance…",
    "chart.recall_title": "Keys recalled against the distance d they must be carried",
    "axis.d": "dependency distance d (characters)",
    "axis.recall": "keys recalled",

    # ---- the forward state, beside the gradient norm ----
    "chart.state_title": "Forward state: largest ‖h_T‖₂ in the batch (log scale)",
    "chart.few_pairs": "from here on, fewer than {min_pairs} pairs (t, k) per distance",
    "axis.state_norm": "‖h_T‖₂",
    "def.state_norm": (
        "‖h_T‖₂: the size of the hidden state at the end of each window (the largest over the "
        "batch). If it grows, the forward pass itself blows up (activations, not gradients); with "
        "tanh or the sigmoid it can never exceed √H."
    ),

    # ---- alt texts: what each chart shows for this run, computed in rnnlab.teaching.captions ----
    "alt.empty": "{chart}: no finite values to show yet.",
    "alt.loss": (
        "Loss per training step: {first} nats at step 1, {last} (smoothed) after {steps} steps, "
        "below the chance level {chance}; highest {top} at step {top_step}."
    ),
    "alt.loss_above": (
        "Loss per training step: {first} nats at step 1, {last} (smoothed) after {steps} steps, "
        "above the chance level {chance}: training failed; highest {top} at step {top_step}."
    ),
    "alt.loss_certain": (
        "Loss per training step: the text has a single distinct character, so every next character "
        "is certain and the chance level ln|V| = ln 1 is 0; over all {steps} steps the loss is 0 "
        "up to float64 rounding (never more than {top} away from 0): there is nothing to learn."
    ),
    "alt.grad_norm_zero": (
        "Gradient norm before clipping: exactly 0 at all {steps} steps, which a log scale cannot "
        "show; no step changed the weights."
    ),
    "alt.grad_norm_from_zero": (
        "Gradient norm before clipping, log scale: 0 at step 1 (not drawn, and no ratio to it), "
        "largest {top} at step {top_step}."
    ),
    "alt.state_norm_only": (
        "Forward state ‖h_T‖₂, log scale: {first} at step 1, largest {top}, {state_ratio} times "
        "the first."
    ),
    "alt.state_norm_from_zero": (
        "Forward state ‖h_T‖₂, log scale: 0 at step 1 (not drawn, and no ratio to it), largest "
        "{top}."
    ),
    "alt.grad_ratio": (
        "Over the same steps the gradient norm grew to {grad_ratio} times its first value."
    ),
    "alt.grad_ratio_zero": "The gradient norm was exactly 0 at every step.",
    "alt.grad_ratio_undefined": "The gradient norm was 0 at step 1, so its growth has no ratio.",
    "alt.horizon_undefined": "undefined, since the median term at distance 0 is exactly 0",
    "alt.jacobian_zero": (
        "Measured ‖∂h_t/∂h_k‖₂ is exactly 0 (median) at every distance from {d0} to {d}: for at "
        "least half the pairs at each distance the product of the one-step Jacobians is the zero "
        "matrix, so there is no fall or rise to describe, and no gap in orders of magnitude to the "
        "lecture's bound ({bound} at distance {d})."
    ),
    "alt.jacobian_to_zero": (
        "Measured ‖∂h_t/∂h_k‖₂ goes from {a} at distance {d0} to exactly 0 (median) at distance "
        "{d}: there, for at least half the pairs, the product of the one-step Jacobians is the "
        "zero matrix, so its gap to the lecture's bound ({bound}) has no size in orders of "
        "magnitude."
    ),
    "alt.jacobian_flat": (
        "Measured ‖∂h_t/∂h_k‖₂ stays at {a} over {steps} steps, {below} orders of magnitude under "
        "the lecture's bound ({bound} at distance {d})."
    ),
    "alt.all_zero": "{chart}: all {n} values are exactly 0, which a log colour scale cannot show.",
    "alt.share_undefined": (
        "Share of the ∂J/∂W_hh terms from beyond distance d: undefined, since every term is "
        "exactly 0 and there is no total to divide by."
    ),
    "alt.grad_norm": (
        "Gradient norm before clipping, log scale: {first} at step 1, largest {top} at step "
        "{top_step}, {ratio} times the first."
    ),
    "alt.clipped": "{n} of {steps} steps were clipped to norm c = {c}.",
    "alt.w_norm": (
        "‖W_hh‖₂ goes from {w0} to {w1} by step {step}; the spectral radius r(W_hh) from {r0} to "
        "{r1}."
    ),
    "alt.state_norm": (
        "Forward state ‖h_T‖₂, log scale: {first} at step 1, largest {top}, {state_ratio} times "
        "the first; over the same steps the gradient norm grew to {grad_ratio} times its first "
        "value."
    ),
    "alt.distant": (
        "Median {q} by distance, log scale: {near} at distance 0, {far} at distance {d}. Effective "
        "horizon: {horizon}."
    ),
    "alt.jacobian_falls": (
        "Measured ‖∂h_t/∂h_k‖₂ falls from {a} to {b} over {steps} steps, {below} orders of "
        "magnitude under the lecture's bound ({bound} at distance {d})."
    ),
    "alt.jacobian_rises": (
        "Measured ‖∂h_t/∂h_k‖₂ rises from {a} to {b} over {steps} steps, {below} orders of "
        "magnitude under the lecture's bound ({bound} at distance {d})."
    ),
    "alt.heatmap": (
        "{q} for {n} pairs (t, k), log colour: largest {hi} at t = {hi_t}, k = {hi_k}; smallest "
        "non-zero {lo} at t = {lo_t}, k = {lo_k}."
    ),
    "alt.shading": (
        "The analysed text, shaded by contribution to the prediction at t = {t}. Largest: {top}."
    ),
    "alt.share": "Share of the ∂J/∂W_hh terms from beyond distance d: {values}.",
    "alt.one_step": (
        "Norm of each of the {n} one-step Jacobians: the true ‖diag(f′(z_j)) W_hh‖₂ has median "
        "{correct} (from {lo} to {hi}); the note's form has median {lecture}."
    ),
    "alt.recall": "Keys recalled by distance: {values} (chance {chance}).",

    # ==== the gated cells ====
    "option.cell.rnn": "the lecture's RNN",
    "option.cell.gru": "GRU (gated recurrent unit)",
    "option.cell.lstm": "LSTM (long short-term memory)",
    "ctl.cell": "Cell",
    "ctl.cell.help": (
        "The lecture's RNN h_t = f(W_hh h_{{t−1}} + W_hx x_t + b_h), or a gated cell in PyTorch's "
        "equations (GRU: gates r, z, n; LSTM: gates i, f, g, o, with a memory c_t = f_t ⊙ c_{{t−1}} "
        "+ i_t ⊙ g_t)."
    ),
    "ui.gated_activation": (
        "A gated cell has its own nonlinearities (σ for the gates, tanh for the candidate): the "
        "activation control applies to the lecture's RNN only. The initialisation and ‖W_hh‖₂ "
        "apply to each gate's H × H block of W_hh; the LSTM's forget-gate bias starts at {fb:g}."
    ),
    "ui.gated_intro": (
        "For the {cell} the state is s_t = {state}. The chart measures ‖∂s_t/∂s_k‖₂, the product "
        "of the exact one-step Jacobians ∂s_j/∂s_{{j−1}}, against the stepwise bound Π "
        "‖∂s_j/∂s_{{j−1}}‖₂. The lecture's bound (β_W β_h)^(t−k) is a theorem about the RNN only, "
        "so it is not drawn."
    ),
    "ui.state.gru": "h_t",
    "ui.state.lstm": "(h_t, c_t), 2H numbers",
    "q.measured_s": "measured ‖∂s_t/∂s_k‖₂",
    "q.measured_c": "cell path ‖∂c_t/∂c_k‖₂",
    "q.stepwise_s": "stepwise bound Π ‖∂s_j/∂s_{{j−1}}‖₂",
    "def.measured_s": (
        "Measured ‖∂s_t/∂s_k‖₂: the largest singular value of the product of the cell's one-step "
        "Jacobians over j = k+1, …, t, on the analysed text."
    ),
    "def.measured_c": (
        "Cell path ‖∂c_t/∂c_k‖₂: the memory block of the same product, over every path from c_k to "
        "c_t (h_k held fixed). Only its direct path, one factor diag(f_j) a step, must shrink as "
        "the forget gates close; the paths through h and the gates can make the block shrink "
        "faster or grow (see the gates chart below)."
    ),
    "def.stepwise_s": (
        "Stepwise bound: Π ‖∂s_j/∂s_{{j−1}}‖₂ over j = k+1, …, t, the product of the exact one-step "
        "norms; by ‖AB‖₂ ≤ ‖A‖₂‖B‖₂ the measured curve never rises above it."
    ),
    "chart.gated_title": "‖∂s_t/∂s_k‖₂ measured, by distance t − k",
    "chart.gated_bound_title": "Measured against the stepwise bound Π ‖∂s_j/∂s_{{j−1}}‖₂",
    "ui.preset_changed": (
        "Changed from this lesson: {names}. Its description is about the lesson's own settings; "
        "the tabs show the run of yours."
    ),
    "alt.gated": (
        "Measured ‖∂s_t/∂s_k‖₂ (median over t) goes from {a} at distance {d0} to {b} at distance "
        "{d1}."
    ),
    "alt.gated_bound": (
        "At distance {d} it lies {below} orders of magnitude under the stepwise bound."
    ),
    "alt.gated_c": "The cell path ‖∂c_t/∂c_k‖₂ goes from {a} to {b}.",
    "alt.gates": "Over the {n} steps the mean {gate} gate lies between {lo} and {hi}.",
    "alt.gates_none": "No gate values to show.",
    "alt.remedy": "Keys recalled: {parts}.",
    "alt.remedy_part": "{name} {a} at d = {d0}, {b} at d = {d1}",
    "alt.w_norm_only": (
        "‖W_hh‖₂ of all gates stacked goes from {w0} to {w1} by step {step} (a stack of gate "
        "blocks is not square: it has no spectral radius)."
    ),
    "def.w_norm_gated": (
        "‖W_hh‖₂: the spectral norm of the gated cell's W_hh, its gate blocks stacked (G·H × H, "
        "PyTorch's weight_hh_l0), measured at up to {n} evenly spaced steps. It is no β_W of a "
        "bound: the lecture's bound is about the RNN only."
    ),
    "q.grad_h.gated": "‖∂J_t/∂s_k‖₂ (whole state)",
    "q.grad_W.gated": "‖(∂J_t/∂a^h_k) h_{{k−1}}ᵀ‖_F (term of ∂J_t/∂W_hh)",
    "def.grad_h.gated": (
        "‖∂J_t/∂s_k‖₂: the norm of the gradient of the loss at step t with respect to the cell's "
        "whole state s_k at an earlier step k ≤ t (h_k, or the LSTM's (h_k, c_k))."
    ),
    "def.grad_W.gated": (
        "‖(∂J_t/∂a^h_k) h_{{k−1}}ᵀ‖_F: the Frobenius norm of the step-k term of ∂J_t/∂W_hh "
        "(PyTorch's weight_hh_l0, all gates); a^h_k is the state side of the gates' "
        "pre-activations, W_hh times the previous output plus b_hh."
    ),
    "chart.heat_title.gated": "‖∂J_t/∂s_k‖₂ for every pair k ≤ t (log10 colour)",
    "chart.w_norm_gated": "‖W_hh‖₂ (gates stacked)",
    "chart.w_title_gated": "‖W_hh‖₂ of the gates stacked, during training",
    "ui.w_norm_gated": "‖W_hh‖₂ (all gates stacked)",
    "ui.rate_c": "Measured rate, cell path",
    "ui.gates_title": "What the gates do to the gradient",
    "ui.gates_intro": (
        "Per step $j$ of the analysed text, two per-step rates from step 0: the direct path alone, "
        "$\\ln D_j - \\ln D_{{j-1}}$ with $D_j = \\max_i \\prod_{{l \\le j}} {gate_sym}_{{l,i}}$ "
        "(the norm of the product of the diagonal factors diag({gate_sym}_l)), and the measured "
        "$\\ln \\|\\partial {q}_j/\\partial {q}_0\\|_2 - \\ln \\|\\partial {q}_{{j-1}}/\\partial "
        "{q}_0\\|_2$. A direct rate near 0 means the {gate} gates stay open, the additive path; "
        "where the measured rate lies above it, paths through h and the gates add to the product, "
        "where below, they take from it."
    ),
    "ui.gate.f": "forget",
    "ui.gate.z": "update",
    "ui.gates_caption": (
        "Averaged over the {n} steps: the direct path {direct} per step, the measured product "
        "{rate} per step."
    ),
    "chart.gates_title": "Gate and gradient, step by step (natural log per step)",
    "chart.gate_series": "direct path through the {gate} gates",
    "chart.rate_series": "measured rate of ‖∂{q}_j/∂{q}_0‖₂",
    "axis.ln_per_step": "natural log per step",

    # ---- the remedy lesson: the cells on the long-range task ----
    "preset.remedy.name": "Remedies for a long memory (LSTM, GRU, orthogonal tanh)",
    "preset.remedy.desc": (
        "An LSTM on the long-range task (d = 10, window T = 60); tab ③ shows its forget gates "
        "beside the measured rate of its cell path. In tab ① turn on “Compare the cells on this "
        "task”: the lecture's sigmoid RNN and three remedies, tanh with an orthogonal W_hh, the "
        "GRU and the LSTM, train with the same text, seed, sizes and window at d = 5 … 30, and the "
        "chart plots the keys each recalls. The sentence under it states how far back each one "
        "recalled in those runs: which remedy reaches furthest is measured there, not promised "
        "here."
    ),
    "ctl.remedy": "Compare the cells on this task",
    "ctl.remedy.help": (
        "Train the lecture's sigmoid RNN, tanh with an orthogonal W_hh, the GRU and the LSTM with "
        "these sizes, seed and window at d = {ds}, and plot the keys each recalls. Runs are shared "
        "with everyone who asks for the same ones."
    ),
    "ui.remedy_running": "Training {n} runs, one per cell and distance…",
    "remedy.rnn_sigmoid": "RNN, sigmoid (the lecture's)",
    "remedy.rnn_tanh_orth": "RNN, tanh, orthogonal W_hh",
    "remedy.gru": "GRU",
    "remedy.lstm": "LSTM",
    "chart.remedy_title": "Keys recalled against d, one line per cell (same text, seed, window)",
    "chart.beyond_window": "d > T/2 (T = {T}): the window may truncate here",
    "ui.remedy_reach": "{name}: at least {level:.0%} of the keys up to d = {d}",
    "ui.remedy_none": "{name}: below {level:.0%} already at d = {d}",
    "ui.remedy_measured": "Measured in these runs ({steps} steps each, window T = {T}): {parts}.",

    # ==== the Experiments tab ====
    "tab.experiments": "⑤ Experiments",
    "exp.sep": "; ",
    "exp.intro": (
        "The lecture's claims are comparative: below ‖W_hh‖₂ = 1/γ the gradient must vanish, above "
        "it it may explode; clipping tames explosions. Here they are measured, across many "
        "networks and side by side."
    ),
    "exp.working": "Computing… {done} of {total}",
    "exp.queued": "Waiting for a free slot on the server…",
    "exp.failed": "This part could not be computed: {error}",

    # ---- 1. the phase diagram ----
    "exp.phase.header": "1 · The threshold, measured",
    "exp.phase.intro": (
        "Pascanu, Mikolov & Bengio (2013): ‖W_hh‖₂ < 1/γ is sufficient for the gradient to vanish, "
        "‖W_hh‖₂ > 1/γ only necessary for it to explode (γ = sup|f′|: 1/4 for the sigmoid, 1 for "
        "tanh, ReLU and linear). Each point is the measured per-step rate of ‖∂h_t/∂h_k‖₂ of "
        "random networks at that ‖W_hh‖₂: below 0 the gradient vanishes geometrically, above 0 it "
        "grows."
    ),
    "exp.phase.method": (
        "Each ‖W_hh‖₂: {seeds} seeds of a random RNN (H = {H}; W_hh: {init}, set to that norm) "
        "reading the analysed text ({T} steps). The rate is the least-squares slope, through 0, of "
        "ln median ‖∂h_t/∂h_k‖₂ against t − k for t − k = 1…{D}, from {starts} start steps k; "
        "since every norm is ≤ (β_W β_h)^(t−k), the rate is ≤ ln(β_W β_h). Band: the seeds' range."
    ),
    "exp.phase.title": "Measured rate of ‖∂h_t/∂h_k‖₂ against ‖W_hh‖₂",
    "exp.axis.w_norm": "‖W_hh‖₂ (log axis)",
    "exp.axis.rate": "rate (ln per step)",
    "exp.series.bound": "bound's rate ln(β_W β_h) (dashed)",
    "exp.series.log_rho": "linear: ln ρ(W_hh), the spectral radius (dotted)",
    "exp.region": "vanishing guaranteed: {acts}",
    "exp.threshold": "1/γ = {v} ({acts})",
    "exp.stage.init": "this lesson's network at initialisation",
    "exp.stage.trained": "this lesson's network after training",
    "exp.phase.cross": (
        "{act}: the measured rate first reaches 0 at ‖W_hh‖₂ ≈ {at}, {ratio}× its threshold 1/γ = "
        "{thr}."
    ),
    "exp.phase.no_cross": (
        "{act}: the measured rate stays below 0 on the whole grid, up to ‖W_hh‖₂ = {max} ({ratio}× "
        "its threshold 1/γ = {thr})."
    ),
    "exp.phase.at_start": (
        "{act}: the measured rate is ≥ 0 already at the grid's smallest ‖W_hh‖₂ = {at} (threshold "
        "1/γ = {thr})."
    ),
    "exp.phase.sigmoid": (
        "The sigmoid still vanishes at ‖W_hh‖₂ = {last}, {ratio}× its threshold {thr}: the "
        "theorem's condition is sufficient, not necessary."
    ),
    "exp.phase.below": (
        "Every one of the {n} measured rates is at or below its bound's rate ln(β_W β_h)."
    ),
    "exp.phase.above": (
        "{k} of the {n} measured rates lie above their bound's rate: that would contradict the "
        "theorem; please report it."
    ),
    "exp.phase.linear": (
        "Linear activation: the measured rate stays within {gap} of ln ρ(W_hh) over the grid — for "
        "a linear RNN the spectral radius, not ‖W_hh‖₂, decides."
    ),
    "exp.phase.trained": (
        "This lesson's network ({act}) started at ‖W_hh‖₂ = {w0} {r0}; after {steps} training "
        "steps it sits at ‖W_hh‖₂ = {w1} {r1}."
    ),
    "exp.phase.rate_of": "with a rate of {r} per step",
    "exp.phase.rate_none": (
        "with no rate: there every product ∂h_t/∂h_k is exactly 0 (the slopes f′ in it are 0: "
        "units switched off or saturated), and a rate is the slope of their logarithm, so that "
        "point is not drawn"
    ),
    "exp.phase.gated": (
        "The theorem and this diagram are about the lecture's RNN: the current cell ({cell}) is "
        "not placed in it."
    ),

    # ---- 2. runs side by side ----
    "exp.cmp.header": "2 · Runs side by side",
    "exp.cmp.intro": (
        "Run A is the current settings; B, C and D change some of them (same text and seed unless "
        "changed). Write the changes as name:value pairs with the link's names, runs separated by "
        "|, for example act:tanh|act:relu or clip:value,clip_at:1|clip:norm,clip_at:1. The address "
        "bar then holds the whole comparison."
    ),
    "exp.cmp.input": "Runs to compare (B | C | D)",
    "exp.cmp.input.help": (
        "Names: act, init, rho, clip, clip_at, opt, lr, hidden, seq, batch, steps, seed, dist, "
        "cell, reset (0 or 1). At most three runs beside A."
    ),
    "exp.cmp.examples": "Examples:",
    "exp.cmp.ex.act": "sigmoid vs tanh vs ReLU",
    "exp.cmp.ex.clip": "no clipping vs value vs norm",
    "exp.cmp.ex.init": "Gaussian vs orthogonal vs identity",
    "exp.cmp.ex.cell": "RNN vs GRU vs LSTM",
    "exp.cmp.current": "A: current settings",
    "exp.cmp.none": "Only run A: add runs to compare above.",
    "exp.cmp.bad_name": "“{part}” is not a setting a comparison can change; left out.",
    "exp.cmp.bad_value": "“{part}”: that setting cannot take this value; left out.",
    "exp.cmp.bad_config": "“{part}”: the server would refuse this run ({detail}); left out.",
    "exp.cmp.too_many": "“{part}”: at most {detail} runs beside A; left out.",
    "exp.cmp.run_failed": "Run {label} did not finish: {error}",
    "exp.cmp.loss_title": "Loss J (smoothed)",
    "exp.cmp.grad_title": "Gradient norm before clipping",
    "exp.cmp.w_title": "‖W_hh‖₂ during training",
    "exp.cmp.gradx_title": "Contribution by distance: median ‖∂J_t/∂x_k‖",
    "exp.cmp.jac_title": "Measured ‖∂s_t/∂s_k‖₂ by distance (median)",
    "exp.axis.grad_x": "median ‖∂J_t/∂x_k‖ (log)",
    "exp.axis.jacobian": "median ‖∂s_t/∂s_k‖₂ (log)",
    "exp.axis.grad_log": "‖∂J/∂θ‖ (log)",
    "exp.cmp.loss_words": "Last smoothed loss: {runs}.",
    "exp.cmp.grad_words": "Largest gradient norm: {runs}.",
    "exp.cmp.gradx_words": "Median ‖∂J_t/∂x_k‖ at distance {d}: {runs}.",
    "exp.cmp.recall_words": "Recall of the key d characters back: {runs}.",
    "exp.cmp.sweep": "Recall against d for each run",
    "exp.cmp.sweep.help": (
        "Trains every compared run again on the long-range task at d = {ds} (the remedy panel's "
        "distances, so those trainings are shared with it)."
    ),
    "exp.cmp.recall_title": "Recall of the key d characters back, by run",
    "exp.cmp.recall_sweep_words": "Keys recalled: {runs}.",

    # ---- 4. the exploding gradient up close ----
    "exp.close.header": "3 · The exploding gradient, up close",
    "exp.close.intro": (
        "The current run replayed step by step. Spikes of the gradient norm are rare: a histogram "
        "shows them; the loss along the gradient at the spike shows the cliff behind them (Pascanu "
        "et al. 2013, Figure 6)."
    ),
    "exp.close.hist_title": "How many steps had each gradient norm",
    "exp.axis.grad_norm": "‖∂J/∂θ‖ before clipping (log bins)",
    "exp.axis.count": "steps",
    "exp.close.hist_words": (
        "{n} steps: median gradient norm {median}, largest {top} at step {step} ({ratio}× the "
        "median)."
    ),
    "exp.close.clip_zero": (
        "No comparison of value and norm clipping here: no step's gradient norm exceeded this "
        "run's own c = {own}, and at least half of its gradients are exactly 0, so the median of "
        "max|g_i| that would stand in for c is 0, and at c = 0 both rules turn every gradient into "
        "0 alike."
    ),
    "exp.close.hist_zero": (
        "All {n} steps have a gradient norm of exactly 0: no step moved the weights, and a log "
        "axis has nothing to draw."
    ),
    "exp.close.hist_zero_median": (
        "{n} steps: {zero} of them have a gradient norm of exactly 0 (a log axis cannot show "
        "them), so the median is 0; the largest, {top} at step {step}, has no ratio to a median of "
        "0."
    ),
    "exp.close.hist_clipped_norm": "{k} steps were clipped at ‖g‖ = c = {c} (the rule).",
    "exp.close.hist_clipped_value": (
        "In {k} steps some component of g was clipped to ±c = ±{c}; value clipping bounds each "
        "component, not the norm ‖g‖ on this axis, so c is not marked on it."
    ),
    "exp.close.cliff_title": "The loss along the gradient: J(θ − η g/‖g‖)",
    "exp.axis.eta": "η, distance moved along −g/‖g‖ (symlog axis)",
    "exp.close.spike": "spike: step {step}, ‖g‖ = {g}",
    "exp.close.ordinary": "ordinary: step {step}, ‖g‖ = {g}",
    "exp.close.at_spike": "At the spike",
    "exp.close.at_ordinary": "At an ordinary step",
    "exp.close.cliff_line": (
        "{where} (step {step}, ‖g‖ = {g}) the loss goes from {j0} at η = 0 to {jmin} at best (η = "
        "{eta}) and up to {jmax} along the line to η = {end}."
    ),
    "exp.close.cliff_rises": (
        "{where} (step {step}, ‖g‖ = {g}) the loss is {j0} at η = 0 and no η > 0 of the line "
        "lowers it: along the line to η = {end} it reaches at most {jmax}."
    ),
    "exp.close.cliff_only_start": (
        "{where} (step {step}, ‖g‖ = {g}) the loss is {j0} at η = 0 and not finite at every η > 0 "
        "of the line, from the shortest, η = {first}, on: it overflows float64 there, so this line "
        "has no cliff to show."
    ),
    "exp.close.cliff_overflow": (
        "At {k} of the {n} values of η (the first, η = {eta}) the loss is not finite: it overflows "
        "float64, and those points are not drawn."
    ),
    "exp.close.cliff_no_direction": (
        "{where} (step {step}) the gradient is exactly 0: there is no direction g/‖g‖ to follow, "
        "so the loss along it is undefined and not drawn."
    ),
    "exp.close.cliff_zero": (
        "Every gradient of this run is exactly 0 (even the largest, at step {step}): there is no "
        "direction g/‖g‖ to follow, so the loss along the gradient is undefined and not drawn."
    ),
    "exp.close.angle_title": "Clipped gradient's angle to the true gradient",
    "exp.axis.degrees": "angle (degrees)",
    "exp.close.angle_intro": (
        "The current run twice, with value clipping and with norm clipping at the same c = {c} "
        "(same seed): at every clipped step, the angle between the direction handed to the "
        "optimizer and the true gradient."
    ),
    "exp.close.angle_median": (
        "No step of this run had a gradient norm above its own c = {own}, so c = {c} is the median "
        "over its steps of the largest gradient component max|g_i|."
    ),
    "exp.close.angle_words": (
        "Value clipping at c = {c} turned the gradient by up to {vmax}° (median {vmed}°) over {vn} "
        "clipped steps; norm clipping by at most {nmax}° over {nn} clipped steps: it only shortens "
        "the gradient."
    ),
    "exp.close.angle_no_value": (
        "Value clipping at c = {c} clipped no step: every component of the gradient stayed within "
        "±c, although its norm exceeded c at {nn} steps, where norm clipping turned it by at most "
        "{nmax}°."
    ),
    "exp.close.no_clip": (
        "Neither run clipped a single step at c = {c}: lower the threshold or pick the exploding "
        "lesson to see the difference."
    ),
    "exp.close.loss_title": "Loss: value vs norm clipping",

    # ---- 3. the long-range benchmark ----
    "exp.lr.header": "4 · The long-range benchmark",
    "exp.lr.intro": (
        "Recall of the key d characters back on the synthetic long-range task (scored on a fresh "
        "text), against d, in the spirit of Pascanu et al. (2013), Figure 7. Every run has H = "
        "{H}, B = {B}, {steps} training steps and a BPTT window of T = 2d characters (at least "
        "20), so the dependency always fits in the window: a failure is the gradient's, not the "
        "truncation's. {runs} small trainings ({seeds} seeds each) run one after the other on one "
        "of the server's {slots} training slots — a few minutes, unless the results were shipped with "
        "the app."
    ),
    "exp.lr.run": "Run the long-range benchmark",
    "exp.lr.run.help": "Off by default: it trains over a hundred small networks.",
    "exp.lr.title": "Recall of the key d characters back",
    "exp.lr.axis_d": "dependency distance d (BPTT window T = 2d, at least 20)",
    "exp.lr.setting.sigmoid": "lecture's sigmoid RNN",
    "exp.lr.setting.tanh_orthogonal": "tanh, orthogonal W_hh",
    "exp.lr.setting.irnn": "IRNN (ReLU, W_hh = I)",
    "exp.lr.setting.gru": "GRU",
    "exp.lr.setting.lstm": "LSTM",
    "exp.lr.with_clip": " + norm clipping at 1",
    "exp.lr.words": "{setting}: median recall ≥ 90% up to d = {d}; {acc} at d = {far}.",
    "exp.lr.words_none": "{setting}: median recall below 90% at every d; {acc} at d = {far}.",
}
