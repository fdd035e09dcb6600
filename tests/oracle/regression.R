#!/usr/bin/env Rscript
# Reference values for the regression / comparison functions of src/stats
# (tests/stats/*_test.cc compare to them at 1e-6 relative).
#
#   Rscript tests/oracle/regression.R [outdir]     (default tests/oracle/reference)
#
# Synthetic data sets are generated with set.seed and written to
# tests/oracle/data/regression_*.csv only when missing; they are always read
# back from those files, so the reference values depend only on the committed
# data and the output is byte-identical on every rerun. Reference files are
# key,value CSVs with values printed by sprintf("%.17g").
#
# R packages: base, stats, MASS (glm.nb), sandwich (vcovHC for the HC0
# sandwich of the count models, vcovCL for the CR1 cluster-robust covariance
# of the difference-in-differences).
# Hedges' g is not in R: the script evaluates the same formula as
# src/stats/effect_size.h, so that reference checks the arithmetic, not an
# independent implementation.

suppressPackageStartupMessages({
  library(MASS)
  library(sandwich)
})

args <- commandArgs(trailingOnly = TRUE)
script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(FALSE), value = TRUE)
  if (length(file_arg)) dirname(normalizePath(sub("^--file=", "", file_arg))) else "tests/oracle"
})
outdir <- if (length(args) >= 1) args[1] else file.path(script_dir, "reference")
datadir <- file.path(script_dir, "data")
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
dir.create(datadir, showWarnings = FALSE, recursive = TRUE)

fmt <- function(x, format = "%.17g") {
  ifelse(is.na(x), "NA", ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"), sprintf(format, x)))
}

# Writes `make()` to data/<name>.csv unless it exists; always reads it back.
dataset <- function(name, make) {
  path <- file.path(datadir, paste0(name, ".csv"))
  if (!file.exists(path)) {
    df <- make()
    # Data are rounded when generated, so 15 significant digits are exact.
    out <- as.data.frame(lapply(df, fmt, format = "%.15g"), stringsAsFactors = FALSE)
    write.csv(out, path, row.names = FALSE, quote = FALSE)
  }
  read.csv(path, na.strings = "NA")
}

reference <- list()
put <- function(file, key, value) {
  stopifnot(length(value) == 1)
  reference[[file]] <<- rbind(reference[[file]], data.frame(key = key, value = fmt(value)))
}
put_coefficients <- function(file, prefix, est, se, stat, p, lo, hi) {
  for (term in names(est)) {
    put(file, paste0(prefix, ".", term, ".estimate"), est[[term]])
    put(file, paste0(prefix, ".", term, ".std_error"), se[[term]])
    put(file, paste0(prefix, ".", term, ".statistic"), stat[[term]])
    put(file, paste0(prefix, ".", term, ".p_value"), p[[term]])
    put(file, paste0(prefix, ".", term, ".ci_lower"), lo[[term]])
    put(file, paste0(prefix, ".", term, ".ci_upper"), hi[[term]])
  }
}
wald <- function(file, prefix, est, vc) {
  se <- sqrt(diag(vc)); z <- est / se; q <- qnorm(0.975)
  put_coefficients(file, prefix, est, se, z, 2 * pnorm(-abs(z)), est - q * se, est + q * se)
}

# ---- counts: Poisson and negative binomial with exposure offset ----------
counts <- dataset("regression_counts", function() {
  set.seed(20240611)
  n <- 400
  arm <- rbinom(n, 1, 0.5)
  age <- round(rnorm(n, 40, 12), 1)
  exposure <- round(runif(n, 0.25, 2), 3)
  mu <- exposure * exp(-0.3 + -0.45 * arm + 0.012 * (age - 40))
  y <- rnbinom(n, mu = mu, size = 1.7)
  age[c(7, 55, 301)] <- NA
  y[c(120)] <- NA
  exposure[c(222)] <- NA
  data.frame(y = y, arm = arm, age = age, exposure = exposure)
})
cc <- na.omit(counts)
put("regression_poisson", "n_used", nrow(cc))
put("regression_poisson", "n_missing", nrow(counts) - nrow(cc))
pois <- glm(y ~ arm + age + offset(log(exposure)), family = poisson, data = counts)
wald("regression_poisson", "coef", coef(pois), vcov(pois))
wald("regression_poisson", "robust", coef(pois), vcovHC(pois, type = "HC0"))
put("regression_poisson", "deviance", deviance(pois))
put("regression_poisson", "null_deviance", pois$null.deviance)
put("regression_poisson", "aic", AIC(pois))
put("regression_poisson", "log_likelihood", as.numeric(logLik(pois)))
pearson <- sum(residuals(pois, type = "pearson")^2)
put("regression_poisson", "pearson_chi2", pearson)
put("regression_poisson", "dispersion", pearson / df.residual(pois))
put("regression_poisson", "df_residual", df.residual(pois))

nb <- glm.nb(y ~ arm + age + offset(log(exposure)), data = counts)
wald("regression_negbin", "coef", coef(nb), vcov(nb))
wald("regression_negbin", "robust", coef(nb), vcovHC(nb, type = "HC0"))
put("regression_negbin", "theta", nb$theta)
put("regression_negbin", "theta_se", nb$SE.theta)
put("regression_negbin", "deviance", deviance(nb))
put("regression_negbin", "null_deviance", nb$null.deviance)
put("regression_negbin", "aic", nb$aic)
put("regression_negbin", "log_likelihood", nb$twologlik / 2)

# ---- t tests and Hedges' g ------------------------------------------------
paired <- dataset("regression_paired", function() {
  set.seed(20240612)
  n <- 60
  before <- round(rnorm(n, 20, 5), 2)
  after <- round(before - 2 + rnorm(n, 0, 4), 2)
  before[c(3, 17)] <- NA
  after[c(17, 41)] <- NA
  data.frame(before = before, after = after)
})
tt <- t.test(paired$after, paired$before, paired = TRUE)
ok <- complete.cases(paired)
put("regression_ttest", "paired.estimate", unname(tt$estimate))
put("regression_ttest", "paired.t", unname(tt$statistic))
put("regression_ttest", "paired.df", unname(tt$parameter))
put("regression_ttest", "paired.p_value", tt$p.value)
put("regression_ttest", "paired.ci_lower", tt$conf.int[1])
put("regression_ttest", "paired.ci_upper", tt$conf.int[2])
put("regression_ttest", "paired.n", sum(ok))
put("regression_ttest", "paired.n_missing", sum(!ok))

twosample <- dataset("regression_twosample", function() {
  set.seed(20240613)
  arm <- c(rep(1L, 45), rep(0L, 70))
  value <- round(ifelse(arm == 1, rnorm(115, 12, 6), rnorm(115, 9.5, 3.5)), 2)
  value[c(5, 80, 81)] <- NA
  data.frame(value = value, arm = arm)
})
x1 <- na.omit(twosample$value[twosample$arm == 1])
x0 <- na.omit(twosample$value[twosample$arm == 0])
tw <- t.test(x1, x0)
put("regression_ttest", "welch.estimate", unname(tw$estimate[1] - tw$estimate[2]))
put("regression_ttest", "welch.t", unname(tw$statistic))
put("regression_ttest", "welch.df", unname(tw$parameter))
put("regression_ttest", "welch.p_value", tw$p.value)
put("regression_ttest", "welch.ci_lower", tw$conf.int[1])
put("regression_ttest", "welch.ci_upper", tw$conf.int[2])
put("regression_ttest", "welch.std_error", tw$stderr)

n1 <- length(x1); n0 <- length(x0)
sp <- sqrt(((n1 - 1) * var(x1) + (n0 - 1) * var(x0)) / (n1 + n0 - 2))
d <- (mean(x1) - mean(x0)) / sp
J <- 1 - 3 / (4 * (n1 + n0 - 2) - 1)
g <- J * d
se <- sqrt((n1 + n0) / (n1 * n0) + g^2 / (2 * (n1 + n0)))
put("regression_effect_size", "independent.d", d)
put("regression_effect_size", "independent.g", g)
put("regression_effect_size", "independent.std_error", se)
put("regression_effect_size", "independent.ci_lower", g - qnorm(0.975) * se)
put("regression_effect_size", "independent.ci_upper", g + qnorm(0.975) * se)
diffs <- (paired$after - paired$before)[ok]
n <- length(diffs)
dz <- mean(diffs) / sd(diffs)
gz <- (1 - 3 / (4 * (n - 1) - 1)) * dz
sez <- sqrt(1 / n + gz^2 / (2 * n))
put("regression_effect_size", "paired.d", dz)
put("regression_effect_size", "paired.g", gz)
put("regression_effect_size", "paired.std_error", sez)
put("regression_effect_size", "paired.ci_lower", gz - qnorm(0.975) * sez)
put("regression_effect_size", "paired.ci_upper", gz + qnorm(0.975) * sez)

# ---- 2x2 tables -----------------------------------------------------------
tables <- dataset("regression_tables", function() {
  data.frame(id = 1:8,
             a = c(12, 3, 0, 5, 25, 7, 130, 2),
             b = c(5, 17, 10, 5, 75, 3, 870, 48),
             c = c(3, 9, 5, 5, 40, 2, 181, 1),
             d = c(10, 11, 5, 5, 60, 8, 819, 49))
})
for (row in seq_len(nrow(tables))) {
  t <- tables[row, ]
  m <- matrix(c(t$a, t$c, t$b, t$d), nrow = 2)
  key <- function(name) paste0("table", t$id, ".", name)
  c0 <- suppressWarnings(chisq.test(m, correct = FALSE))
  c1 <- suppressWarnings(chisq.test(m, correct = TRUE))
  f <- fisher.test(m)
  put("regression_tables", key("chi2"), unname(c0$statistic))
  put("regression_tables", key("chi2_p"), c0$p.value)
  put("regression_tables", key("chi2_yates"), unname(c1$statistic))
  put("regression_tables", key("chi2_yates_p"), c1$p.value)
  put("regression_tables", key("fisher_p"), f$p.value)
  put("regression_tables", key("fisher_or"), unname(f$estimate))
  put("regression_tables", key("fisher_ci_lower"), f$conf.int[1])
  put("regression_tables", key("fisher_ci_upper"), f$conf.int[2])
  n1 <- t$a + t$b; n0 <- t$c + t$d
  p1 <- t$a / n1; p0 <- t$c / n0
  z <- qnorm(0.975)
  if (t$a > 0 && t$c > 0) {
    rr <- p1 / p0
    lse <- sqrt(1 / t$a - 1 / n1 + 1 / t$c - 1 / n0)
    put("regression_tables", key("rr"), rr)
    put("regression_tables", key("rr_ci_lower"), exp(log(rr) - z * lse))
    put("regression_tables", key("rr_ci_upper"), exp(log(rr) + z * lse))
  }
  rd <- p1 - p0
  rse <- sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
  put("regression_tables", key("rd"), rd)
  put("regression_tables", key("rd_ci_lower"), rd - z * rse)
  put("regression_tables", key("rd_ci_upper"), rd + z * rse)
}

# ---- OLS and difference-in-differences with CR1 ---------------------------
did <- dataset("regression_did", function() {
  set.seed(20240614)
  clusters <- 40
  per <- 12
  cluster <- rep(seq_len(clusters), each = per)
  treated <- rep(rbinom(clusters, 1, 0.5), each = per)
  post <- rep(rep(0:1, each = per / 2), clusters)
  site_effect <- rep(rnorm(clusters, 0, 2), each = per)
  age <- round(rnorm(clusters * per, 45, 10), 1)
  y <- round(10 + 1.5 * treated + 0.8 * post - 2.2 * treated * post + 0.05 * age +
             site_effect + rnorm(clusters * per, 0, 3), 3)
  y[c(9, 200)] <- NA
  age[c(333)] <- NA
  data.frame(y = y, treated = treated, post = post, cluster = cluster, age = age)
})
fit <- lm(y ~ treated + post + treated:post + age, data = did)
s <- summary(fit)$coefficients
ci <- confint(fit)
put_coefficients("regression_did", "ols", s[, 1], s[, 2], s[, 3], s[, 4], ci[, 1], ci[, 2])
put("regression_did", "ols.sigma", summary(fit)$sigma)
put("regression_did", "ols.r_squared", summary(fit)$r.squared)
put("regression_did", "n_used", nobs(fit))
X <- model.matrix(fit)
used <- as.integer(rownames(X))
e <- residuals(fit)
G <- length(unique(did$cluster[used]))
N <- nrow(X); K <- ncol(X)
# CR1 (Stata's small-sample factor G/(G-1) (N-1)/(N-K)).
V <- vcovCL(fit, cluster = did$cluster[used], type = "HC1", cadjust = TRUE)
se <- sqrt(diag(V))
est <- coef(fit)
tq <- qt(0.975, G - 1)
put_coefficients("regression_did", "cr1", est, se, est / se, 2 * pt(-abs(est / se), G - 1),
                 est - tq * se, est + tq * se)
put("regression_did", "n_clusters", G)

# ---- mediation point estimates (product of coefficients) ------------------
med <- dataset("regression_mediation", function() {
  set.seed(20240615)
  n <- 300
  treat <- rbinom(n, 1, 0.5)
  c1 <- round(rnorm(n), 3)
  m <- round(0.6 * treat + 0.3 * c1 + rnorm(n), 3)
  y <- round(0.4 * m + 0.25 * treat - 0.2 * c1 + rnorm(n), 3)
  m[c(10)] <- NA
  y[c(20, 21)] <- NA
  data.frame(treat = treat, m = m, y = y, c1 = c1)
})
mc <- na.omit(med)
fa <- lm(m ~ treat + c1, data = mc)
fb <- lm(y ~ treat + m + c1, data = mc)
ft <- lm(y ~ treat + c1, data = mc)
a <- coef(fa)[["treat"]]; b <- coef(fb)[["m"]]; cp <- coef(fb)[["treat"]]
put("regression_mediation", "a", a)
put("regression_mediation", "b", b)
put("regression_mediation", "indirect", a * b)
put("regression_mediation", "direct", cp)
put("regression_mediation", "total", cp + a * b)
put("regression_mediation", "total_check", coef(ft)[["treat"]])
put("regression_mediation", "n_used", nrow(mc))
s <- summary(fb)$coefficients
ci <- confint(fb)
put_coefficients("regression_mediation", "ols_b", s[, 1], s[, 2], s[, 3], s[, 4], ci[, 1], ci[, 2])
put("regression_mediation", "ols_b.sigma", summary(fb)$sigma)
put("regression_mediation", "ols_b.r_squared", summary(fb)$r.squared)

# ---- quantile type 7 and cost offset -------------------------------------
set.seed(20240616)
qx <- round(rexp(37), 4)
for (p in c(0.025, 0.1, 0.5, 0.975)) {
  put("regression_misc", paste0("quantile7.", p), unname(quantile(qx, p, type = 7)))
}
put("regression_misc", "quantile7.input", 0)  # marker; the input is below
reference[["regression_misc"]] <- rbind(reference[["regression_misc"]],
  data.frame(key = paste0("quantile7.x.", seq_along(qx)), value = fmt(qx)))

costs <- dataset("regression_costs", function() {
  set.seed(20240617)
  n <- 200
  arm <- rep(0:1, each = n / 2)
  exposure <- round(runif(n, 0.5, 1), 3)
  events <- rpois(n, exposure * ifelse(arm == 1, 0.35, 0.55))
  events[c(15)] <- NA
  data.frame(events = events, exposure = exposure, arm = arm)
})
ok <- !is.na(costs$events) & !is.na(costs$exposure)
cp <- costs[ok, ]
rate_c <- sum(cp$events[cp$arm == 0]) / sum(cp$exposure[cp$arm == 0])
rate_p <- sum(cp$events[cp$arm == 1]) / sum(cp$exposure[cp$arm == 1])
averted <- (rate_c - rate_p) * sum(cp$exposure[cp$arm == 1])
unit_cost <- 9500; program_cost <- 60000
put("regression_cost", "rate_comparison", rate_c)
put("regression_cost", "rate_peer", rate_p)
put("regression_cost", "events_averted", averted)
put("regression_cost", "net_savings", averted * unit_cost - program_cost)
put("regression_cost", "roi", (averted * unit_cost - program_cost) / program_cost)
put("regression_cost", "n_missing", sum(!ok))

for (file in names(reference)) {
  write.csv(reference[[file]], file.path(outdir, paste0(file, ".csv")), row.names = FALSE,
            quote = FALSE)
}
