# alongside_add_test(NAME name SOURCES a.cc b.cc LIBS lib1 lib2 [LABELS l1 l2] [BOTH_BACKENDS])
# One helper registers every GoogleTest binary with ctest, so each test case
# is its own ctest entry (gtest_discover_tests) and carries its labels.
include(GoogleTest)
function(alongside_add_test)
  cmake_parse_arguments(ARG "BOTH_BACKENDS" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
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
  if(ARG_BOTH_BACKENDS)
    # The same suite again on PostgreSQL, as "pg.<Suite>.<Case>": its fixtures
    # open their stores with testing::OpenTestStore, which reads the variable.
    gtest_discover_tests(${ARG_NAME} TEST_PREFIX "pg." TEST_LIST ${ARG_NAME}_PG_TESTS
      PROPERTIES LABELS "${labels};postgres" ENVIRONMENT "ALONGSIDE_TEST_BACKEND=postgres"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# alongside_embed_files(TARGET tgt FILES a/b.mustache ...)
# Compiles each file into `tgt` as alongside::embedded::<symbol>, a
# std::string_view whose symbol is the file's path relative to the current
# source dir with every non-alphanumeric character replaced by '_'
# (templates/person.mustache -> templates_person_mustache). Declare the
# symbols you use with `extern const std::string_view ...;` in that namespace.
function(alongside_embed_files)
  cmake_parse_arguments(ARG "" "TARGET" "FILES" ${ARGN})
  foreach(file ${ARG_FILES})
    string(MAKE_C_IDENTIFIER "${file}" symbol)
    set(input "${CMAKE_CURRENT_SOURCE_DIR}/${file}")
    set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cc")
    add_custom_command(OUTPUT "${output}"
      COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
              -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
      DEPENDS "${input}" ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
      COMMENT "Embedding ${file}")
    target_sources(${ARG_TARGET} PRIVATE "${output}")
  endforeach()
endfunction()
