# Tests of the regression / comparison / bootstrap part of alongside_stats
# (included from tests/stats/CMakeLists.txt). Reference values come from
# tests/oracle/regression.R.
foreach(name ols poisson negative_binomial ttest effect_size two_by_two did bootstrap mediation cost_offset)
  alongside_add_test(NAME ${name}_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}_test.cc
    LIBS alongside_stats)
endforeach()
