# R oracle for Alongside's survival analysis (src/stats: kaplan_meier, logrank,
# cox). Reference implementation: R survival 3.5-3 (survfit, summary.survfit,
# quantile.survfit, print.survfit, survdiff, coxph ties = "efron", cox.zph).
#
# Usage: Rscript tests/oracle/survival.R [outdir]
#   outdir defaults to tests/oracle/reference.
#
# Inputs are the committed synthetic data sets tests/oracle/data/survival_*.csv.
# They are generated here with a fixed seed ONLY when missing; when present
# they are read back, so reference values are always computed from the
# committed files. The output is deterministic (byte-identical on re-runs):
# every number is written with sprintf("%.17g"), missing values as NA.

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
script_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
script_dir <- if (length(script_arg)) dirname(normalizePath(sub("^--file=", "", script_arg[1]))) else "tests/oracle"
data_dir <- file.path(script_dir, "data")
out_dir <- if (length(args) >= 1) args[1] else file.path(script_dir, "reference")
dir.create(data_dir, showWarnings = FALSE, recursive = TRUE)
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

fmt <- function(x) {
  if (is.character(x)) return(x)
  ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
}

write_tidy <- function(df, path) {
  out <- as.data.frame(lapply(df, fmt), stringsAsFactors = FALSE)
  write.table(out, path, sep = ",", quote = FALSE, row.names = FALSE, col.names = TRUE,
              na = "NA", eol = "\n")
}

# ---- synthetic data (generated once, then read back) ----------------------

make_cohort <- function(n, base_rate, admin_end, day_scale) {
  arm <- rbinom(n, 1, 0.5)
  age <- round(pmin(pmax(rnorm(n, 38, 11), 18), 75), 1)
  sex <- rbinom(n, 1, 0.45)
  prior_admissions <- rpois(n, 1.3)
  group <- sample(0:2, n, replace = TRUE)
  rate <- base_rate * exp(-0.45 * arm + 0.02 * (age - 38) + 0.25 * sex +
                          0.18 * prior_admissions + 0.15 * group)
  event_time <- ceiling(rexp(n, rate) / day_scale)
  censor_time <- ceiling(runif(n, 0.2, 1.6) * admin_end)
  end <- pmin(event_time, censor_time, admin_end)
  data.frame(time = end, event = as.integer(event_time <= pmin(censor_time, admin_end)),
             group = group, arm = arm, age = age, sex = sex,
             prior_admissions = prior_admissions)
}

ensure_data <- function(name, generator) {
  path <- file.path(data_dir, paste0("survival_", name, ".csv"))
  if (!file.exists(path)) {
    df <- generator()
    write.table(df, path, sep = ",", quote = FALSE, row.names = FALSE, eol = "\n")
  }
  read.csv(path)
}

set.seed(20240611)
cohort <- ensure_data("cohort", function() make_cohort(400, 0.004, 365, 1))
set.seed(20240612)
# Weekly-rounded times: many ties, including events and censorings on one day.
ties <- ensure_data("ties", function() make_cohort(250, 0.02, 30, 7))
set.seed(20240613)
small <- ensure_data("small", function() {
  d <- make_cohort(60, 0.0015, 180, 1)
  d$group <- d$arm
  d
})

# Hand-built edge cases, one `case` per curve (deterministic, no RNG).
edge <- ensure_data("edge", function() {
  rbind(
    data.frame(case = "all_censored", time = c(3, 5, 5, 8, 13), event = 0L),
    data.frame(case = "single_event", time = c(2, 4, 4, 7, 9, 11), event = c(0L, 1L, 0L, 0L, 0L, 0L)),
    data.frame(case = "flat_half_end", time = c(1, 2, 3, 4), event = c(1L, 1L, 0L, 0L)),
    data.frame(case = "flat_half_mid", time = c(1, 2, 3, 4, 5, 6), event = 1L),
    data.frame(case = "tie_event_censor", time = c(2, 2, 2, 2, 5, 5, 5, 9, 9, 12),
               event = c(1L, 1L, 0L, 0L, 1L, 0L, 0L, 1L, 1L, 0L)),
    data.frame(case = "ends_zero", time = c(1, 2, 2, 3), event = c(1L, 1L, 0L, 1L)),
    # The upper confidence limit rises at day 18 (0.865 -> 0.928), so 1 - upper
    # is not monotone and findq's approx() must order the points.
    data.frame(case = "upper_rises", time = c(1, 2, 7, 10, 10, 11, 11, 16, 18, 19),
               event = c(1L, 1L, 1L, 0L, 1L, 1L, 1L, 0L, 1L, 1L)))
})

datasets <- list(cohort = cohort, ties = ties, small = small)

# ---- Kaplan-Meier --------------------------------------------------------

km_curves <- list()  # name -> list(stratum label -> data.frame of time/event)
for (name in names(datasets)) {
  d <- datasets[[name]]
  km_curves[[paste0(name, "/all")]] <- d
  for (g in sort(unique(d$group))) km_curves[[paste0(name, "/group", g)]] <- d[d$group == g, ]
}
for (case in unique(edge$case)) km_curves[[paste0("edge/", case)]] <- edge[edge$case == case, ]

km_rows <- list(); km_at <- list(); km_med <- list()
for (key in names(km_curves)) {
  d <- km_curves[[key]]
  parts <- strsplit(key, "/", fixed = TRUE)[[1]]
  fit <- survfit(Surv(time, event) ~ 1, data = d)
  s <- summary(fit, censored = TRUE)
  km_rows[[key]] <- data.frame(dataset = parts[1], curve = parts[2], time = fit$time,
                               n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
                               surv = fit$surv, std_err = s$std.err, std_err_log = fit$std.err,
                               lower = fit$lower, upper = fit$upper)
  days <- sort(unique(c(0.5, 1, 7, 30, 90, 180, 365, max(d$time), max(d$time) + 10,
                        fit$time[ceiling(length(fit$time) / 2)] + 0.5)))
  a <- summary(fit, times = days, extend = TRUE)
  km_at[[key]] <- data.frame(dataset = parts[1], curve = parts[2], day = a$time, n_risk = a$n.risk,
                             surv = a$surv, std_err = a$std.err, lower = a$lower, upper = a$upper)
  probs <- c(0.07, 0.1, 0.25, 0.5, 0.75)
  q <- quantile(fit, probs = probs)
  tab <- summary(fit)$table
  km_med[[key]] <- rbind(
    data.frame(dataset = parts[1], curve = parts[2], rule = "print", prob = 0.5,
               estimate = unname(tab["median"]), lower = unname(tab["0.95LCL"]),
               upper = unname(tab["0.95UCL"])),
    data.frame(dataset = parts[1], curve = parts[2], rule = "quantile", prob = probs,
               estimate = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper)))
}
write_tidy(do.call(rbind, km_rows), file.path(out_dir, "survival_km.csv"))
write_tidy(do.call(rbind, km_at), file.path(out_dir, "survival_km_at.csv"))
write_tidy(do.call(rbind, km_med), file.path(out_dir, "survival_km_median.csv"))

# ---- log-rank (survdiff, rho = 0) ----------------------------------------

lr_groups <- list(); lr_tests <- list()
lr_inputs <- list(cohort = cohort, ties = ties, small = small,
                  edge_ties = transform(edge[edge$case == "tie_event_censor", ],
                                        group = c(0L, 1L, 0L, 1L, 1L, 0L, 1L, 0L, 1L, 0L)))
for (name in names(lr_inputs)) {
  d <- lr_inputs[[name]]
  sd <- survdiff(Surv(time, event) ~ group, data = d, rho = 0)
  ngroup <- length(sd$n)
  lr_groups[[name]] <- data.frame(dataset = name, group = sort(unique(d$group)), n = as.numeric(sd$n),
                                  observed = sd$obs, expected = sd$exp)
  df <- sum(sd$exp > 0) - 1
  lr_tests[[name]] <- data.frame(dataset = name, chisq = sd$chisq, df = df,
                                 p = pchisq(sd$chisq, df, lower.tail = FALSE))
  v <- sd$var
  lr_groups[[name]] <- cbind(lr_groups[[name]],
                             setNames(as.data.frame(v), paste0("var", seq_len(ngroup) - 1)))
}
# Pad the variance columns to three groups so the file is rectangular.
lr_all <- do.call(rbind, lapply(lr_groups, function(g) {
  for (col in paste0("var", 0:2)) if (!col %in% names(g)) g[[col]] <- NA
  g[, c("dataset", "group", "n", "observed", "expected", "var0", "var1", "var2")]
}))
write_tidy(lr_all, file.path(out_dir, "survival_logrank_groups.csv"))
write_tidy(do.call(rbind, lr_tests), file.path(out_dir, "survival_logrank_test.csv"))

# ---- Cox proportional hazards (Efron) and cox.zph -------------------------

cox_models <- list(
  cohort = list(data = cohort, terms = c("arm", "age", "sex", "prior_admissions")),
  ties = list(data = ties, terms = c("arm", "age", "sex", "prior_admissions")),
  small = list(data = small, terms = c("arm", "age")))

cox_coef <- list(); cox_var <- list(); cox_tests <- list(); zph_rows <- list()
for (name in names(cox_models)) {
  m <- cox_models[[name]]
  form <- as.formula(paste("Surv(time, event) ~", paste(m$terms, collapse = " + ")))
  fit <- coxph(form, data = m$data, ties = "efron", robust = TRUE)
  b <- fit$coefficients
  se <- sqrt(diag(fit$naive.var))
  rse <- sqrt(diag(fit$var))
  z <- b / rse
  zq <- qnorm(0.975)
  cox_coef[[name]] <- data.frame(dataset = name, term = m$terms, coef = unname(b),
                                 hazard_ratio = unname(exp(b)), se = unname(se),
                                 robust_se = unname(rse), z = unname(z),
                                 p = unname(2 * pnorm(-abs(z))),
                                 hr_lower = unname(exp(b - zq * rse)),
                                 hr_upper = unname(exp(b + zq * rse)),
                                 z_model = unname(b / se),
                                 p_model = unname(2 * pnorm(-abs(b / se))),
                                 hr_lower_model = unname(exp(b - zq * se)),
                                 hr_upper_model = unname(exp(b + zq * se)),
                                 mean = unname(fit$means))
  p <- length(b)
  idx <- expand.grid(row = seq_len(p), col = seq_len(p))
  cox_var[[name]] <- data.frame(dataset = name, row = idx$row - 1, col = idx$col - 1,
                                var = fit$naive.var[cbind(idx$row, idx$col)],
                                robust_var = fit$var[cbind(idx$row, idx$col)])
  lr <- 2 * (fit$loglik[2] - fit$loglik[1])
  wald_model <- drop(t(b) %*% solve(fit$naive.var, b))
  cox_tests[[name]] <- data.frame(
    dataset = name, n = fit$n, n_events = fit$nevent, iterations = fit$iter, df = p,
    loglik_null = fit$loglik[1], loglik = fit$loglik[2],
    lr = lr, lr_p = pchisq(lr, p, lower.tail = FALSE),
    wald = fit$wald.test, wald_p = pchisq(fit$wald.test, p, lower.tail = FALSE),
    wald_model = wald_model, wald_model_p = pchisq(wald_model, p, lower.tail = FALSE),
    score = fit$score, score_p = pchisq(fit$score, p, lower.tail = FALSE),
    robust_score = fit$rscore, robust_score_p = pchisq(fit$rscore, p, lower.tail = FALSE))
  zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)
  tab <- zph$table
  zph_rows[[name]] <- data.frame(dataset = name, term = c(m$terms, "GLOBAL"),
                                 chisq = unname(tab[, "chisq"]), df = unname(tab[, "df"]),
                                 p = unname(tab[, "p"]))
}
write_tidy(do.call(rbind, cox_coef), file.path(out_dir, "survival_cox_coef.csv"))
write_tidy(do.call(rbind, cox_var), file.path(out_dir, "survival_cox_var.csv"))
write_tidy(do.call(rbind, cox_tests), file.path(out_dir, "survival_cox_tests.csv"))
write_tidy(do.call(rbind, zph_rows), file.path(out_dir, "survival_cox_zph.csv"))
