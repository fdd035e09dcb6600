#include "evaluation/progress.h"

#include <unistd.h>

#include <cstdio>

namespace alongside::evaluation {

bool Progress::StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled, int total_steps) : enabled_(enabled), total_steps_(total_steps) {
  if (!enabled_) return;
  step_start_ = std::chrono::steady_clock::now();
  ticker_ = std::thread([this] {
    while (!stop_.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      if (stop_.load()) break;
      std::lock_guard<std::mutex> lock(mutex_);
      Draw();
    }
  });
}

Progress::~Progress() { Finish(); }

void Progress::Step(const std::string& label) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_steps_;
  label_ = label;
  step_start_ = std::chrono::steady_clock::now();
  Draw();
}

void Progress::Finish() {
  if (!enabled_) return;
  if (!stop_.exchange(true) && ticker_.joinable()) ticker_.join();
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  enabled_ = false;
}

void Progress::Draw() {
  constexpr int kBarWidth = 24;
  const int done = done_steps_ < 0 ? 0 : done_steps_;
  const int filled = total_steps_ > 0 ? kBarWidth * done / total_steps_ : 0;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kBarWidth, '.');
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - step_start_).count();
  std::fprintf(stderr, "\r\033[K[%s] step %d/%d: %s (%.1f s)", bar.c_str(), done + 1, total_steps_,
               label_.c_str(), seconds);
  std::fflush(stderr);
}

}  // namespace alongside::evaluation
