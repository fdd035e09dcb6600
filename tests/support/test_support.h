// Helpers for tests: a temporary directory removed at the end of the test,
// running the alongside binary and capturing what it printed, and a small
// program fixture (one team, a worker, a person) in a store.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace alongside::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the alongside binary with `args` (no shell), stdin from `input`.
CommandResult RunAlongside(const std::vector<std::string>& args, const std::string& input = "");

struct SmallProgram {
  domain::Id program = 0, team = 0, worker = 0, other_worker = 0, person = 0, other_person = 0;
};

// One program, one team, two peer workers each with one person assigned.
SmallProgram MakeSmallProgram(store::Store& store);

// A valid draft contact version written by `worker` starting at `start`.
domain::ContactVersion DraftVersion(domain::Id worker, Instant start, int minutes = 45);

inline const store::Actor kTestActor{"test", "local"};

}  // namespace alongside::testing
