// A progress line on stderr for the long steps of an evaluation: the step
// number, its name, a bar of finished steps and the seconds elapsed in the
// current step, redrawn a few times a second by a background thread. When
// disabled (stderr is not a terminal) it prints nothing at all.
// Step() and Finish() are called from one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace alongside::evaluation {

class Progress {
 public:
  Progress(bool enabled, int total_steps);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts step `label` (the previous one is finished).
  void Step(const std::string& label);
  // Clears the line.
  void Finish();

  // True when stderr is a terminal.
  static bool StderrIsTerminal();

 private:
  void Draw();

  bool enabled_;
  int total_steps_;
  int done_steps_ = -1;
  std::string label_;
  std::chrono::steady_clock::time_point step_start_;
  std::mutex mutex_;
  std::atomic<bool> stop_{false};
  std::thread ticker_;
};

}  // namespace alongside::evaluation
