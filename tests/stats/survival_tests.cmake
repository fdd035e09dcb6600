# Survival analysis tests: checked against R survival 3.5-3 through the
# oracle files written by tests/oracle/survival.R.
alongside_add_test(NAME kaplan_meier_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/kaplan_meier_test.cc
                   LIBS alongside_stats)
alongside_add_test(NAME logrank_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/logrank_test.cc
                   LIBS alongside_stats)
alongside_add_test(NAME cox_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/cox_test.cc
                   LIBS alongside_stats)
