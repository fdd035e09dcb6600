#include "support/test_support.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace alongside::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "alongside-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

namespace {

std::string ReadAll(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t got;
  while ((got = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(got));
  close(fd);
  return text;
}

}  // namespace

CommandResult RunAlongside(const std::vector<std::string>& args, const std::string& input) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  pid_t child = fork();
  if (child == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    std::vector<char*> argv;
    std::string binary = ALONGSIDE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  std::thread writer([&] {
    if (!input.empty()) {
      ssize_t ignored = write(in_pipe[1], input.data(), input.size());
      (void)ignored;
    }
    close(in_pipe[1]);
  });
  CommandResult result;
  std::thread err_reader([&] { result.err = ReadAll(err_pipe[0]); });
  result.out = ReadAll(out_pipe[0]);
  err_reader.join();
  writer.join();
  int status = 0;
  waitpid(child, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

SmallProgram MakeSmallProgram(store::Store& store) {
  SmallProgram ids;
  ids.program = store.AddProgram({0, "Test program"}, kTestActor).value();
  ids.team = store.AddTeam({0, ids.program, "Test team", domain::TeamSetting::kCommunityAgency},
                           kTestActor).value();
  domain::Staff worker{0, ids.team, "Worker One", domain::Role::kPeerSpecialist,
                       std::nullopt, std::nullopt, true};
  ids.worker = store.AddStaff(worker, kTestActor).value();
  worker.display_name = "Worker Two";
  ids.other_worker = store.AddStaff(worker, kTestActor).value();
  domain::Person person;
  person.team_id = ids.team;
  person.preferred_name = "Sam T.";
  person.enrolled_on = 20000;
  ids.person = store.AddPerson(person, kTestActor).value();
  person.preferred_name = "Robin Q.";
  ids.other_person = store.AddPerson(person, kTestActor).value();
  store.AddAssignment({0, ids.person, ids.worker, 20000, std::nullopt}, kTestActor).value();
  store.AddAssignment({0, ids.other_person, ids.other_worker, 20000, std::nullopt}, kTestActor)
      .value();
  return ids;
}

domain::ContactVersion DraftVersion(domain::Id worker, Instant start, int minutes) {
  domain::ContactVersion version;
  version.start = start;
  version.end = start + minutes * 60;
  version.setting = domain::ContactSetting::kCommunity;
  version.modalities = domain::ModalityBit(domain::Modality::kEmotional);
  version.activities = {"goal_review"};
  version.note = "Met for coffee and talked about the week.";
  version.person_words = "It helped to talk.";
  version.written_by = worker;
  version.written_at = version.end;
  return version;
}

}  // namespace alongside::testing
