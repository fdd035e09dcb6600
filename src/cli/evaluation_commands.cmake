# Included by src/cli/CMakeLists.txt after the `alongside` target is defined:
# the evaluation subcommands (synth-cohort, evaluate).
target_sources(alongside PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cmd_synth_cohort.cc
  ${CMAKE_CURRENT_LIST_DIR}/cmd_evaluate.cc)
target_link_libraries(alongside PRIVATE alongside_evaluation)
