# R oracle for `alongside evaluate`: the reference value of every
# deterministic row of estimates.csv, for each committed cohort file in
# tests/oracle/data/cohort_*.csv (all rows except bootstrap intervals and
# bootstrap standard errors, which depend on the random draws; the point
# estimates of the bootstrap, mediation and cost_offset rows are included).
# Reference implementation: R 4.2.2 with survival 3.5-3 (survfit,
# summary.survfit, survdiff, coxph ties = "efron", cox.zph), stats (glm,
# lm, t.test). Sandwich and cluster-robust variances are computed by hand
# from model.matrix() (the sandwich package is not installed); the formulas
# are those of sandwich::vcovHC(type = "HC0") and
# sandwich::vcovCL(type = "HC0", cadjust = TRUE).
#
# Usage: Rscript tests/oracle/evaluate.R [outdir]
#   outdir defaults to tests/oracle/reference. Writes evaluate_<name>.csv for
#   cohort_<name>.csv, in the estimates.csv format, numbers as %.17g, NA
#   where a cell does not apply. Deterministic: byte-identical on re-runs.
#
# The cohort files were written once by `alongside synth-cohort` (see
# docs/evaluation.md) and are committed; this script only reads them.

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
script_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
script_dir <- if (length(script_arg)) dirname(normalizePath(sub("^--file=", "", script_arg[1]))) else "tests/oracle"
data_dir <- file.path(script_dir, "data")
out_dir <- if (length(args) >= 1) args[1] else file.path(script_dir, "reference")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

rows <- NULL
add <- function(analysis, term, estimate = NA, std_error = NA, statistic = NA, p_value = NA,
                conf_low = NA, conf_high = NA) {
  rows[[length(rows) + 1]] <<- data.frame(
    analysis = analysis, term = term, estimate = as.numeric(estimate),
    std_error = as.numeric(std_error), statistic = as.numeric(statistic),
    p_value = as.numeric(p_value), conf_low = as.numeric(conf_low),
    conf_high = as.numeric(conf_high), stringsAsFactors = FALSE)
}
write_rows <- function(path) {
  df <- do.call(rbind, rows)
  fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
  for (col in 3:8) df[[col]] <- fmt(df[[col]])
  write.table(df, path, sep = ",", quote = FALSE, row.names = FALSE, col.names = TRUE, eol = "\n")
  rows <<- NULL
}
z975 <- qnorm(0.975)
add_coefs <- function(analysis, est, se, stat, p, lo, hi, names) {
  for (k in seq_along(names)) add(analysis, names[k], est[k], se[k], stat[k], p[k], lo[k], hi[k])
}
add_wald <- function(analysis, est, se, names) {
  z <- est / se
  add_coefs(analysis, est, se, z, 2 * pnorm(-abs(z)), est - z975 * se, est + z975 * se, names)
}
add_t <- function(analysis, term, tt) {
  add(analysis, term, unname(tt$estimate[1] - if (length(tt$estimate) == 2) tt$estimate[2] else 0),
      tt$stderr, unname(tt$statistic), tt$p.value, tt$conf.int[1], tt$conf.int[2])
}
# Hedges' g of x - y with the Hedges & Olkin SE (R has no built-in; the same
# formula as src/stats/effect_size.h).
hedges_g <- function(x, y) {
  n1 <- length(x); n2 <- length(y); df <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / df)
  g <- (1 - 3 / (4 * df - 1)) * (mean(x) - mean(y)) / sp
  se <- sqrt((n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2)))
  c(g, se, g - z975 * se, g + z975 * se)
}
cluster_vcov <- function(bread, X, resid, cluster) {
  scores <- rowsum(X * resid, cluster, reorder = TRUE)
  G <- nrow(scores)
  bread %*% crossprod(scores) %*% bread * G / (G - 1)
}

readmission <- function(d) {
  n <- nrow(d)
  ch <- d$hope_6m - d$hope_baseline
  add("sample", "people", n)
  for (a in 0:1) add("sample", sprintf("arm=%d", a), sum(d$arm == a))
  for (a in 0:1) add("events", sprintf("arm=%d", a), sum(d$readmitted[d$arm == a]))
  add("missing", "hope_baseline", sum(is.na(d$hope_baseline)))
  add("missing", "hope_6m", sum(is.na(d$hope_6m)))
  add("missing", "hope_change", sum(is.na(ch)))

  fit <- survfit(Surv(followup_days, readmitted) ~ arm, data = d)
  for (a in 0:1) {
    s <- summary(fit[a + 1], times = c(30, 90, 180), extend = TRUE)
    for (k in 1:3) {
      add("km", sprintf("arm=%d@%d", a, c(30, 90, 180)[k]), s$surv[k], s$std.err[k], NA, NA,
          s$lower[k], s$upper[k])
    }
  }
  tab <- summary(fit)$table
  for (a in 0:1) add("km_median", sprintf("arm=%d", a), tab[a + 1, "median"], NA, NA, NA,
                     tab[a + 1, "0.95LCL"], tab[a + 1, "0.95UCL"])
  lr <- survdiff(Surv(followup_days, readmitted) ~ arm, data = d)
  add("logrank", "arm", NA, NA, lr$chisq, pchisq(lr$chisq, 1, lower.tail = FALSE))

  terms <- c("arm", "age", "sex", "prior_admissions")
  cox <- coxph(Surv(followup_days, readmitted) ~ arm + age + sex + prior_admissions, data = d,
               ties = "efron")
  cs <- summary(cox)$coefficients
  ci <- confint(cox)
  add_coefs("cox", cs[, "coef"], cs[, "se(coef)"], cs[, "z"], cs[, "Pr(>|z|)"], ci[, 1], ci[, 2], terms)
  coxr <- coxph(Surv(followup_days, readmitted) ~ arm + age + sex + prior_admissions, data = d,
                ties = "efron", robust = TRUE)
  add_wald("cox_robust", coef(coxr), sqrt(diag(vcov(coxr))), terms)
  for (k in 1:4) add("cox_hr", terms[k], exp(cs[k, "coef"]), NA, NA, NA, exp(ci[k, 1]), exp(ci[k, 2]))
  zph <- cox.zph(cox)$table
  for (k in 1:4) add("cox_zph", terms[k], NA, NA, zph[k, "chisq"], zph[k, "p"])
  add("cox_zph", "GLOBAL", NA, NA, zph["GLOBAL", "chisq"], zph["GLOBAL", "p"])

  pois <- glm(readmitted ~ arm + offset(log(followup_days)), family = poisson, data = d)
  ps <- summary(pois)$coefficients
  pci <- confint.default(pois)
  add_coefs("poisson", ps[, 1], ps[, 2], ps[, 3], ps[, 4], pci[, 1], pci[, 2], rownames(ps))
  X <- model.matrix(pois)
  r <- d$readmitted - fitted(pois)
  hc0 <- vcov(pois) %*% crossprod(X * r) %*% vcov(pois)
  add_wald("poisson_robust", coef(pois), sqrt(diag(hc0)), rownames(ps))

  add_t("ttest_paired", "hope_change", t.test(d$hope_6m, d$hope_baseline, paired = TRUE))
  ok <- !is.na(ch)
  x1 <- ch[ok & d$arm == 1]; x0 <- ch[ok & d$arm == 0]
  welch <- t.test(x1, x0)
  add_t("welch", "hope_change_arm1_minus_arm0", welch)
  g <- hedges_g(x1, x0)
  add("hedges_g", "hope_change_arm1_minus_arm0", g[1], g[2], NA, NA, g[3], g[4])
  add_t("welch", "cost_arm1_minus_arm0", t.test(d$cost[d$arm == 1], d$cost[d$arm == 0]))
  add("bootstrap", "hope_change_arm1_minus_arm0", mean(x1) - mean(x0))

  cc <- d[ok, ]
  cc$ch <- ch[ok]
  a <- coef(lm(ch ~ arm + age + sex + prior_admissions, data = cc))[["arm"]]
  outcome <- coef(lm(readmitted ~ arm + ch + age + sex + prior_admissions, data = cc))
  total <- coef(lm(readmitted ~ arm + age + sex + prior_admissions, data = cc))[["arm"]]
  add("mediation", "indirect", a * outcome[["ch"]])
  add("mediation", "direct", outcome[["arm"]])
  add("mediation", "total", total)
  add("mediation_paths", "a_arm_to_hope_change", a)
  add("mediation_paths", "b_hope_change_to_readmitted", outcome[["ch"]])
  add("mediation_paths", "proportion_mediated", a * outcome[["ch"]] / total)
  add("missing", "mediation_rows_excluded", sum(!ok))
  # People left out of each analysis: complete cases of the columns it uses.
  incomplete <- function(cols) sum(!complete.cases(d[cols]))
  surv_cols <- c("followup_days", "readmitted", "arm")
  cox_cols <- c(surv_cols, "age", "sex", "prior_admissions")
  add("missing", "km", incomplete(surv_cols))
  add("missing", "logrank", incomplete(surv_cols))
  add("missing", "cox", incomplete(cox_cols))
  add("missing", "cox_zph", incomplete(cox_cols))
  add("missing", "poisson", incomplete(surv_cols))
  add("missing", "cost_offset", incomplete(surv_cols))
  add("missing", "ttest_paired", incomplete(c("hope_6m", "hope_baseline")))
  for (a in c("welch", "hedges_g", "bootstrap")) add("missing", a, sum(is.na(ch)))
  add("missing", "mediation", sum(!ok))

  # Cost offset at the defaults of `alongside evaluate` (--unit-cost 12000,
  # --program-cost-per-person 700): rates per person-day by arm.
  unit_cost <- 12000
  per_person <- 700
  events <- tapply(d$readmitted, d$arm, sum)
  days <- tapply(d$followup_days, d$arm, sum)
  rate0 <- events[["0"]] / days[["0"]]
  rate1 <- events[["1"]] / days[["1"]]
  program <- per_person * sum(d$arm == 1)
  averted <- (rate0 - rate1) * days[["1"]]
  savings <- averted * unit_cost
  add("cost_offset", "unit_cost", unit_cost)
  add("cost_offset", "program_cost_per_person", per_person)
  add("cost_offset", "program_cost", program)
  add("cost_offset", "peer_person_days", days[["1"]])
  add("cost_offset", "rate_comparison_per_person_day", rate0)
  add("cost_offset", "rate_peer_per_person_day", rate1)
  add("cost_offset", "readmissions_averted", averted)
  add("cost_offset", "savings", savings)
  add("cost_offset", "net_savings", savings - program)
  add("cost_offset", "roi", (savings - program) / program)
}

hospitalization <- function(d) {
  n <- nrow(d)
  long <- data.frame(person = rep(seq_len(n), each = 2),
                     admissions = as.vector(rbind(d$admissions_before, d$admissions_after)),
                     days = as.vector(rbind(d$days_before, d$days_after)),
                     after = rep(c(0, 1), n))
  add("sample", "people", n)
  add("events", "before", sum(d$admissions_before))
  add("events", "after", sum(d$admissions_after))
  add("exposure_days", "before", sum(d$days_before))
  add("exposure_days", "after", sum(d$days_after))
  add("rate_per_365_days", "before", 365 * sum(d$admissions_before) / sum(d$days_before))
  add("rate_per_365_days", "after", 365 * sum(d$admissions_after) / sum(d$days_after))
  fit <- glm(admissions ~ after + offset(log(days)), family = poisson, data = long)
  s <- summary(fit)$coefficients
  ci <- confint.default(fit)
  add_coefs("poisson", s[, 1], s[, 2], s[, 3], s[, 4], ci[, 1], ci[, 2], rownames(s))
  add("poisson", "dispersion", sum(residuals(fit, type = "pearson")^2) / fit$df.residual)
  V <- cluster_vcov(vcov(fit), model.matrix(fit), long$admissions - fitted(fit), long$person)
  se <- sqrt(diag(V))
  add_wald("poisson_cluster", coef(fit), se, rownames(s))
  z <- coef(fit)[2] / se[2]
  add("rate_ratio_cluster", "after", exp(coef(fit)[2]), NA, NA, 2 * pnorm(-abs(z)),
      exp(coef(fit)[2] - z975 * se[2]), exp(coef(fit)[2] + z975 * se[2]))
}

stigma <- function(d) {
  ok <- !is.na(d$attitude_before) & !is.na(d$attitude_after)
  add("sample", "trainees", nrow(d))
  add("sample", "arm=0", sum(d$arm == 0))
  add("sample", "arm=1", sum(d$arm == 1))
  add("missing", "attitude_before", sum(is.na(d$attitude_before)))
  add("missing", "attitude_after", sum(is.na(d$attitude_after)))
  add("missing", "incomplete_pairs", sum(!ok))
  cc <- d[ok, ]
  fit <- lm(attitude_after ~ arm + attitude_before, data = cc)
  s <- summary(fit)$coefficients
  ci <- confint(fit)
  add_coefs("ancova", s[, 1], s[, 2], s[, 3], s[, 4], ci[, 1], ci[, 2], rownames(s))
  X <- model.matrix(fit)
  V <- cluster_vcov(solve(crossprod(X)), X, residuals(fit), cc$training_cohort)
  add_wald("ancova_cluster", coef(fit), sqrt(diag(V)), rownames(s))
  change <- cc$attitude_after - cc$attitude_before
  x1 <- change[cc$arm == 1]; x0 <- change[cc$arm == 0]
  g <- hedges_g(x1, x0)
  add("hedges_g", "attitude_change_arm1_minus_arm0", g[1], g[2], NA, NA, g[3], g[4])
  add_t("welch", "attitude_change_arm1_minus_arm0", t.test(x1, x0))
}

designs <- list(small = readmission, edge = readmission,
                hospitalization = hospitalization, stigma = stigma)
for (name in names(designs)) {
  d <- read.csv(file.path(data_dir, paste0("cohort_", name, ".csv")))
  designs[[name]](d)
  write_rows(file.path(out_dir, paste0("evaluate_", name, ".csv")))
}
