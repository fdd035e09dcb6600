# Compares R's estimates (estimates_r.csv) with alongside's (estimates.csv)
# row by row, cell by cell; bootstrap intervals and SEs are random and only
# reported, not required to agree. Usage: Rscript compare.R R.csv OURS.csv
args <- commandArgs(trailingOnly = TRUE)
r <- read.csv(args[1], colClasses = c("character", "character", rep("numeric", 6)))
a <- read.csv(args[2], colClasses = c("character", "character", rep("numeric", 6), "character"))
key_r <- paste(r$analysis, r$term, sep = ",")
key_a <- paste(a$analysis, a$term, sep = ",")
worst <- 0; cells <- 0; bad <- 0
for (i in seq_len(nrow(r))) {
  j <- match(key_r[i], key_a)
  if (is.na(j)) { cat("missing in alongside:", key_r[i], "\n"); bad <- bad + 1; next }
  for (col in 3:8) {
    x <- r[i, col]; y <- a[j, col]
    if (r$analysis[i] == "bootstrap" && col %in% c(4, 7, 8)) {
      cat(sprintf("bootstrap %-10s R %.6g  alongside %.6g (different random draws)\n", names(r)[col], x, y))
      next
    }
    if (is.na(x) && is.na(y)) next
    cells <- cells + 1
    rel <- if (isTRUE(x == y)) 0 else abs(x - y) / max(abs(x), abs(y))
    if (is.na(rel) || rel > 1e-6) { cat("differs:", key_r[i], names(r)[col], x, y, "\n"); bad <- bad + 1 }
    else worst <- max(worst, rel)
  }
}
cat(sprintf("compared %d cells; largest relative difference %.3g; %d beyond 1e-6\n", cells, worst, bad))
quit(status = if (bad > 0) 1 else 0)
