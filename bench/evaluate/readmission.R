# The readmission design's core steps in R, timed step by step, for the
# benchmark against `alongside evaluate` (bench/evaluate/run.sh).
# Usage: Rscript readmission.R COHORT.csv OUTDIR [RESAMPLES]
# Writes OUTDIR/estimates_r.csv (estimates.csv format, the rows R computes)
# and OUTDIR/timings_r.csv (step,seconds).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
cohort_path <- args[1]
out_dir <- args[2]
resamples <- if (length(args) >= 3) as.integer(args[3]) else 1000L
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

timings <- data.frame(step = character(), seconds = numeric(), stringsAsFactors = FALSE)
timed <- function(step, expr) {
  start <- proc.time()[["elapsed"]]
  value <- force(expr)
  timings[nrow(timings) + 1, ] <<- list(step, proc.time()[["elapsed"]] - start)
  invisible(value)
}
rows <- list()
add <- function(analysis, term, est = NA, se = NA, stat = NA, p = NA, lo = NA, hi = NA) {
  rows[[length(rows) + 1]] <<- c(analysis, term, sprintf("%.17g", c(est, se, stat, p, lo, hi)))
}

d <- timed("read and check the cohort file", read.csv(cohort_path))
timed("Kaplan-Meier", {
  fit <- survfit(Surv(followup_days, readmitted) ~ arm, data = d)
  tab <- summary(fit)$table
  for (a in 0:1) {
    s <- summary(fit[a + 1], times = c(30, 90, 180), extend = TRUE)
    for (k in 1:3) add("km", sprintf("arm=%d@%d", a, c(30, 90, 180)[k]), s$surv[k], s$std.err[k], NA, NA, s$lower[k], s$upper[k])
    add("km_median", sprintf("arm=%d", a), tab[a + 1, "median"], NA, NA, NA, tab[a + 1, "0.95LCL"], tab[a + 1, "0.95UCL"])
  }
})
timed("log-rank test", {
  lr <- survdiff(Surv(followup_days, readmitted) ~ arm, data = d)
  add("logrank", "arm", NA, NA, lr$chisq, pchisq(lr$chisq, 1, lower.tail = FALSE))
})
timed("Cox model", {
  cox <- coxph(Surv(followup_days, readmitted) ~ arm + age + sex + prior_admissions, data = d, ties = "efron")
  cs <- summary(cox)$coefficients
  ci <- confint(cox)
  for (k in 1:4) add("cox", rownames(cs)[k], cs[k, 1], cs[k, 3], cs[k, 4], cs[k, 5], ci[k, 1], ci[k, 2])
})
timed("Poisson rate model", {
  pois <- glm(readmitted ~ arm + offset(log(followup_days)), family = poisson, data = d)
  ps <- summary(pois)$coefficients
  pci <- confint.default(pois)
  for (k in 1:2) add("poisson", rownames(ps)[k], ps[k, 1], ps[k, 2], ps[k, 3], ps[k, 4], pci[k, 1], pci[k, 2])
})
ch <- d$hope_6m - d$hope_baseline
ok <- !is.na(ch)
x1 <- ch[ok & d$arm == 1]
x0 <- ch[ok & d$arm == 0]
timed("hope comparisons", {
  tp <- t.test(d$hope_6m, d$hope_baseline, paired = TRUE)
  add("ttest_paired", "hope_change", tp$estimate, tp$stderr, tp$statistic, tp$p.value, tp$conf.int[1], tp$conf.int[2])
  tw <- t.test(x1, x0)
  add("welch", "hope_change_arm1_minus_arm0", tw$estimate[1] - tw$estimate[2], tw$stderr, tw$statistic,
      tw$p.value, tw$conf.int[1], tw$conf.int[2])
})
timed(sprintf("bootstrap of the hope difference (%d resamples)", resamples), {
  set.seed(1)
  n1 <- length(x1); n0 <- length(x0)
  reps <- numeric(resamples)
  for (b in seq_len(resamples)) {
    reps[b] <- mean(x1[sample.int(n1, n1, replace = TRUE)]) - mean(x0[sample.int(n0, n0, replace = TRUE)])
  }
  q <- quantile(reps, c(0.025, 0.975))
  add("bootstrap", "hope_change_arm1_minus_arm0", mean(x1) - mean(x0), sd(reps), NA, NA, q[1], q[2])
})
out <- do.call(rbind, rows)
out[out == "NA"] <- ""
colnames(out) <- c("analysis", "term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high")
write.csv(out, file.path(out_dir, "estimates_r.csv"), row.names = FALSE, quote = FALSE)
write.csv(timings, file.path(out_dir, "timings_r.csv"), row.names = FALSE, quote = FALSE)
