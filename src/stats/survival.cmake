# Survival analysis: Kaplan-Meier, log-rank, Cox (Efron) and cox.zph.
target_sources(alongside_stats PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/survival_input.cc
  ${CMAKE_CURRENT_LIST_DIR}/kaplan_meier.cc
  ${CMAKE_CURRENT_LIST_DIR}/logrank.cc
  ${CMAKE_CURRENT_LIST_DIR}/cox.cc)
