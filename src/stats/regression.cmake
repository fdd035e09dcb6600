# Regression, comparison, bootstrap, mediation and cost-offset sources of
# alongside_stats (included from src/stats/CMakeLists.txt).
target_sources(alongside_stats PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/regression_design.cc
  ${CMAKE_CURRENT_LIST_DIR}/regression_glm.cc
  ${CMAKE_CURRENT_LIST_DIR}/ols.cc
  ${CMAKE_CURRENT_LIST_DIR}/cluster_robust.cc
  ${CMAKE_CURRENT_LIST_DIR}/poisson.cc
  ${CMAKE_CURRENT_LIST_DIR}/negative_binomial.cc
  ${CMAKE_CURRENT_LIST_DIR}/ttest.cc
  ${CMAKE_CURRENT_LIST_DIR}/effect_size.cc
  ${CMAKE_CURRENT_LIST_DIR}/two_by_two.cc
  ${CMAKE_CURRENT_LIST_DIR}/did.cc
  ${CMAKE_CURRENT_LIST_DIR}/bootstrap.cc
  ${CMAKE_CURRENT_LIST_DIR}/mediation.cc
  ${CMAKE_CURRENT_LIST_DIR}/cost_offset.cc
)
