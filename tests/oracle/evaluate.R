# R oracle for `alongside evaluate`: the reference value of every
# deterministic row of estimates.csv, for each committed cohort file in
# tests/oracle/data/cohort_*.csv (all rows except bootstrap intervals and
# bootstrap standard errors, which depend on the random draws; the point
# estimates of the bootstrap, mediation and cost_offset rows are included).
#
# Reference implementation: R 4.2.2 with the packages a reviewer would run,
# not hand-coded formulas:
#   survival 3.5-3   survfit, summary.survfit, survdiff, coxph (ties =
#                    "efron", robust = TRUE), confint.coxph, cox.zph
#   sandwich 3.0-2   vcovHC(type = "HC0") for poisson_robust; vcovCL(type =
#                    "HC0", cadjust = TRUE, cluster = ~person) for
#                    poisson_cluster and rate_ratio_cluster
#   clubSandwich 0.5.8  coef_test / conf_int (vcov = "CR2", test =
#                    "Satterthwaite") for ancova_cluster and its df
#   broom 1.0.3      tidy() of glm, coxph, lm and htest (t.test) for the
#                    estimate, std.error, statistic and p.value columns
#   stats            glm, lm, t.test, confint.default (Wald intervals of the
#                    glm rows: the engine does not report profile intervals)
# Wald rows built on a sandwich matrix use z = est / se, p = 2 pnorm(-|z|),
# est +- qnorm(0.975) se (no lmtest). Only Hedges' g (no base-R function;
# the Hedges & Olkin formula of src/stats/effect_size.h) and the cost-offset
# arithmetic are written out here.
#
# Rows that do not exist for a cohort carry a note and NA in every number:
#   separation     readmission: either arm has no readmission (cox,
#                  cox_robust, cox_hr, cox_zph, poisson, poisson_robust and
#                  the cost_offset *_adjusted rows, which use the Cox HR);
#                  hospitalization-rate: no admission before or none after
#                  (poisson, poisson_cluster, rate_ratio_cluster). The script
#                  checks that R agrees: coxph warns that a coefficient "may
#                  be infinite" and the glm coefficient runs off (|b| > 10).
#   too_few_pairs  readmission: ttest_paired needs 2 complete hope pairs in
#                  all; welch/hedges_g/bootstrap of the hope change,
#                  mediation and mediation_paths need 2 in each arm.
#                  stigma-training: ancova, ancova_cluster,
#                  ancova_cluster_df, hedges_g and welch need 2 complete
#                  pairs in each arm.
#
# Usage: Rscript tests/oracle/evaluate.R [outdir]
#   outdir defaults to tests/oracle/reference. Writes evaluate_<name>.csv for
#   cohort_<name>.csv, in the estimates.csv format
#   (analysis,term,estimate,std_error,statistic,p_value,conf_low,conf_high,note),
#   numbers as %.17g, NA where a cell does not apply, note empty for an
#   ordinary row. Deterministic: byte-identical on re-runs.
#
# The cohort files were written once (by `alongside synth-cohort`, some then
# edited as docs/evaluation.md "The R oracle" describes) and are committed;
# this script only reads them.

suppressPackageStartupMessages({
  library(survival)
  library(sandwich)
  library(clubSandwich)
  library(broom)
})

args <- commandArgs(trailingOnly = TRUE)
script_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
script_dir <- if (length(script_arg)) dirname(normalizePath(sub("^--file=", "", script_arg[1]))) else "tests/oracle"
data_dir <- file.path(script_dir, "data")
out_dir <- if (length(args) >= 1) args[1] else file.path(script_dir, "reference")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

rows <- NULL
add <- function(analysis, term, estimate = NA, std_error = NA, statistic = NA, p_value = NA,
                conf_low = NA, conf_high = NA, note = "") {
  rows[[length(rows) + 1]] <<- data.frame(
    analysis = analysis, term = term, estimate = as.numeric(estimate),
    std_error = as.numeric(std_error), statistic = as.numeric(statistic),
    p_value = as.numeric(p_value), conf_low = as.numeric(conf_low),
    conf_high = as.numeric(conf_high), note = note, stringsAsFactors = FALSE)
}
# Rows whose estimates do not exist for this cohort: NA numbers and a note.
add_note <- function(analysis, terms, note) {
  for (term in terms) add(analysis, term, note = note)
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
# Wald rows from a coefficient vector and a (sandwich) covariance matrix.
add_wald <- function(analysis, est, vcov_matrix, names) {
  se <- sqrt(diag(vcov_matrix))
  z <- est / se
  add_coefs(analysis, est, se, z, 2 * pnorm(-abs(z)), est - z975 * se, est + z975 * se, names)
}
# A t.test row: estimate, statistic, p and interval from broom::tidy(htest);
# tidy() has no standard error, so it is the htest's own stderr.
add_t <- function(analysis, term, tt) {
  td <- tidy(tt)
  add(analysis, term, td$estimate, tt$stderr, td$statistic, td$p.value, td$conf.low, td$conf.high)
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
# Evaluates expr, collecting (and silencing) its warnings.
with_warnings <- function(expr) {
  warnings <- character()
  value <- withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = warnings)
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
  pois_terms <- c("(Intercept)", "arm")
  cox_formula <- Surv(followup_days, readmitted) ~ arm + age + sex + prior_admissions
  pois_formula <- readmitted ~ arm + offset(log(followup_days))
  separated <- sum(d$readmitted[d$arm == 0]) == 0 || sum(d$readmitted[d$arm == 1]) == 0
  if (separated) {
    # R agrees that the estimates do not exist: coxph says the arm
    # coefficient may be infinite and the Poisson arm coefficient runs off.
    cox <- with_warnings(coxph(cox_formula, data = d, ties = "efron"))
    stopifnot(any(grepl("infinite", cox$warnings)))
    pois <- with_warnings(glm(pois_formula, family = poisson, data = d))$value
    stopifnot(abs(coef(pois)[["arm"]]) > 10)
    add_note("cox", terms, "separation")
    add_note("cox_robust", terms, "separation")
    add_note("cox_hr", terms, "separation")
    add_note("cox_zph", c(terms, "GLOBAL"), "separation")
    add_note("poisson", pois_terms, "separation")
    add_note("poisson_robust", pois_terms, "separation")
  } else {
    cox <- coxph(cox_formula, data = d, ties = "efron")
    tc <- tidy(cox)
    stopifnot(identical(tc$term, terms))
    ci <- confint(cox)
    add_coefs("cox", tc$estimate, tc$std.error, tc$statistic, tc$p.value, ci[, 1], ci[, 2], terms)
    coxr <- coxph(cox_formula, data = d, ties = "efron", robust = TRUE)
    tr <- tidy(coxr)
    add_coefs("cox_robust", tr$estimate, tr$robust.se, tr$statistic, tr$p.value,
              tr$estimate - z975 * tr$robust.se, tr$estimate + z975 * tr$robust.se, terms)
    for (k in 1:4) add("cox_hr", terms[k], exp(tc$estimate[k]), NA, NA, NA, exp(ci[k, 1]), exp(ci[k, 2]))
    hr_arm <- c(estimate = exp(tc$estimate[1]), low = exp(ci[1, 1]), high = exp(ci[1, 2]))
    zph <- cox.zph(cox)$table
    for (k in 1:4) add("cox_zph", terms[k], NA, NA, zph[k, "chisq"], zph[k, "p"])
    add("cox_zph", "GLOBAL", NA, NA, zph["GLOBAL", "chisq"], zph["GLOBAL", "p"])

    pois <- glm(pois_formula, family = poisson, data = d)
    tp <- tidy(pois)
    stopifnot(identical(tp$term, pois_terms))
    pci <- confint.default(pois)
    add_coefs("poisson", tp$estimate, tp$std.error, tp$statistic, tp$p.value, pci[, 1], pci[, 2],
              pois_terms)
    add_wald("poisson_robust", tp$estimate, sandwich::vcovHC(pois, type = "HC0"), pois_terms)
  }

  ok <- !is.na(ch)
  n1 <- sum(ok & d$arm == 1)
  n0 <- sum(ok & d$arm == 0)
  both_arms <- n0 >= 2 && n1 >= 2
  hope_term <- "hope_change_arm1_minus_arm0"
  if (n0 + n1 >= 2) {
    add_t("ttest_paired", "hope_change", t.test(d$hope_6m, d$hope_baseline, paired = TRUE))
  } else {
    add_note("ttest_paired", "hope_change", "too_few_pairs")
  }
  x1 <- ch[ok & d$arm == 1]; x0 <- ch[ok & d$arm == 0]
  if (both_arms) {
    add_t("welch", hope_term, t.test(x1, x0))
    g <- hedges_g(x1, x0)
    add("hedges_g", hope_term, g[1], g[2], NA, NA, g[3], g[4])
  } else {
    add_note("welch", hope_term, "too_few_pairs")
    add_note("hedges_g", hope_term, "too_few_pairs")
  }
  add_t("welch", "cost_arm1_minus_arm0", t.test(d$cost[d$arm == 1], d$cost[d$arm == 0]))
  if (both_arms) {
    add("bootstrap", hope_term, mean(x1) - mean(x0))
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
  } else {
    add_note("bootstrap", hope_term, "too_few_pairs")
    add_note("mediation", c("indirect", "direct", "total"), "too_few_pairs")
    add_note("mediation_paths", c("a_arm_to_hope_change", "b_hope_change_to_readmitted",
                                  "proportion_mediated"), "too_few_pairs")
  }
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
  # The same four quantities from the Cox model's adjusted hazard ratio:
  # averted = readmissions with peer support x (1 / HR - 1); the interval
  # maps the HR's Wald interval, exp(confint(coxph)), through the same
  # function (the upper HR gives the lower bound).
  adjusted_terms <- c("readmissions_averted_adjusted", "savings_adjusted",
                      "net_savings_adjusted", "roi_adjusted")
  if (separated) {
    add_note("cost_offset", adjusted_terms, "separation")
  } else {
    offset_from_hr <- function(hr) {
      averted <- events[["1"]] * (1 / hr - 1)
      savings <- averted * unit_cost
      c(averted, savings, savings - program, (savings - program) / program)
    }
    est <- offset_from_hr(hr_arm[["estimate"]])
    low <- offset_from_hr(hr_arm[["high"]])
    high <- offset_from_hr(hr_arm[["low"]])
    for (k in 1:4) add("cost_offset", adjusted_terms[k], est[k], NA, NA, NA, low[k], high[k])
  }
}

hospitalization <- function(d) {
  n <- nrow(d)
  # Two rows per person; `person` (the row number of the cohort file) is the
  # cluster of vcovCL.
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
  terms <- c("(Intercept)", "after")
  no_before <- sum(d$admissions_before) == 0
  no_after <- sum(d$admissions_after) == 0
  if (no_before || no_after) {
    # R agrees that the estimates do not exist: the after coefficient runs
    # off (or, with no admission at all, the intercept does).
    fit <- with_warnings(glm(admissions ~ after + offset(log(days)), family = poisson,
                             data = long))$value
    if (no_before && no_after) {
      stopifnot(coef(fit)[["(Intercept)"]] < -10)
    } else {
      stopifnot(abs(coef(fit)[["after"]]) > 10)
    }
    add_note("poisson", c(terms, "dispersion"), "separation")
    add_note("poisson_cluster", terms, "separation")
    add_note("rate_ratio_cluster", "after", "separation")
    return(invisible())
  }
  fit <- glm(admissions ~ after + offset(log(days)), family = poisson, data = long)
  tp <- tidy(fit)
  stopifnot(identical(tp$term, terms))
  ci <- confint.default(fit)
  add_coefs("poisson", tp$estimate, tp$std.error, tp$statistic, tp$p.value, ci[, 1], ci[, 2], terms)
  add("poisson", "dispersion", sum(residuals(fit, type = "pearson")^2) / fit$df.residual)
  V <- sandwich::vcovCL(fit, cluster = ~person, type = "HC0", cadjust = TRUE)
  add_wald("poisson_cluster", tp$estimate, V, terms)
  b <- tp$estimate[2]
  se <- sqrt(V[2, 2])
  add("rate_ratio_cluster", "after", exp(b), NA, NA, 2 * pnorm(-abs(b / se)),
      exp(b - z975 * se), exp(b + z975 * se))
}

stigma <- function(d) {
  ok <- !is.na(d$attitude_before) & !is.na(d$attitude_after)
  cc <- d[ok, ]
  add("sample", "trainees", nrow(d))
  add("sample", "arm=0", sum(d$arm == 0))
  add("sample", "arm=1", sum(d$arm == 1))
  # Training cohorts with at least one complete pair, by arm.
  for (a in 0:1) {
    add("sample", sprintf("clusters_arm=%d", a), length(unique(cc$training_cohort[cc$arm == a])))
  }
  add("missing", "attitude_before", sum(is.na(d$attitude_before)))
  add("missing", "attitude_after", sum(is.na(d$attitude_after)))
  add("missing", "incomplete_pairs", sum(!ok))
  terms <- c("(Intercept)", "arm", "attitude_before")
  change_term <- "attitude_change_arm1_minus_arm0"
  if (sum(cc$arm == 0) < 2 || sum(cc$arm == 1) < 2) {
    add_note("ancova", terms, "too_few_pairs")
    add_note("ancova_cluster", terms, "too_few_pairs")
    add_note("ancova_cluster_df", terms, "too_few_pairs")
    add_note("hedges_g", change_term, "too_few_pairs")
    add_note("welch", change_term, "too_few_pairs")
    return(invisible())
  }
  fit <- lm(attitude_after ~ arm + attitude_before, data = cc)
  tl <- tidy(fit)
  stopifnot(identical(tl$term, terms))
  ci <- confint(fit)
  add_coefs("ancova", tl$estimate, tl$std.error, tl$statistic, tl$p.value, ci[, 1], ci[, 2], terms)
  # Small-sample cluster correction: CR2 (bias-reduced linearization) with
  # Satterthwaite degrees of freedom, clustered on the training cohort.
  ct <- clubSandwich::coef_test(fit, vcov = "CR2", cluster = cc$training_cohort,
                                test = "Satterthwaite")
  cl <- clubSandwich::conf_int(fit, vcov = "CR2", cluster = cc$training_cohort,
                               test = "Satterthwaite", level = 0.95)
  stopifnot(identical(ct$Coef, terms), identical(cl$Coef, terms))
  add_coefs("ancova_cluster", ct$beta, ct$SE, ct$tstat, ct$p_Satt, cl$CI_L, cl$CI_U, terms)
  for (k in seq_along(terms)) add("ancova_cluster_df", terms[k], ct$df_Satt[k])
  change <- cc$attitude_after - cc$attitude_before
  x1 <- change[cc$arm == 1]; x0 <- change[cc$arm == 0]
  g <- hedges_g(x1, x0)
  add("hedges_g", change_term, g[1], g[2], NA, NA, g[3], g[4])
  add_t("welch", change_term, t.test(x1, x0))
}

# Cohort name -> design: reads data/cohort_<name>.csv, writes
# reference/evaluate_<name>.csv.
designs <- list(small = readmission, edge = readmission, ties = readmission,
                few_events = readmission, separation = readmission,
                hope_missing = readmission, hope_missing_arm = readmission,
                hospitalization = hospitalization, hosp_separation = hospitalization,
                stigma = stigma, few_clusters = stigma)
for (name in names(designs)) {
  d <- read.csv(file.path(data_dir, paste0("cohort_", name, ".csv")))
  designs[[name]](d)
  write_rows(file.path(out_dir, paste0("evaluate_", name, ".csv")))
}
