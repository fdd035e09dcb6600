# alongside_add_test(NAME name SOURCES a.cc b.cc LIBS lib1 lib2 [LABELS l1 l2])
# One helper registers every GoogleTest binary with ctest, so each test case
# is its own ctest entry (gtest_discover_tests) and carries its labels.
include(GoogleTest)
function(alongside_add_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main Threads::Threads)
  target_compile_definitions(${ARG_NAME} PRIVATE
    ALONGSIDE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ALONGSIDE_BINARY="$<TARGET_FILE:alongside>")
  set(labels unit)
  if(ARG_LABELS)
    set(labels ${ARG_LABELS})
  endif()
  gtest_discover_tests(${ARG_NAME} PROPERTIES LABELS "${labels}" DISCOVERY_TIMEOUT 60)
endfunction()
