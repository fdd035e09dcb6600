// language_review_bench: how fast the note language review reads text, as a
// ratio against a trivial pass over the same bytes measured in the same run,
// and how well the built-in rules score on the labelled corpus (see
// bench/RESULTS.md, "Note language review: corpus quality and throughput
// (issue 13)").
//
//   language_review_bench [--corpus FILE] [--rules language.json] [--sentences 1000000]
//                         [--per-note 8] [--rounds 3] [--held-out-from C485]
//
// The text: --sentences sentences taken from the corpus
// (tests/domain/language_corpus.tsv) in a stride order (sentence k is corpus
// sentence k * 7919 mod n), so neighbours differ and every corpus sentence
// comes round equally often. Two shapes: each sentence its own passage (one
// Review() call per sentence), and notes of --per-note sentences joined by a
// space (one call per note). The reference: the same passages, every byte
// lower-cased into a buffer and the spaces counted (no allocation per
// passage). Each round times the reference, then the review, on one thread;
// the median round is reported, with wall and thread CPU time (the machine is
// shared, so CPU time is the steadier of the two).
//
// Before timing it prints the corpus scores (the same table as
// language_corpus_test), and with --held-out-from, the scores of the
// sentences from that id on. The rules are the built-in ones, or with
// --rules a program's own copy of language.json (docs/language-review.md,
// "The corpus").
#include <time.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "domain/language_corpus.h"
#include "domain/language_review.h"

namespace {

using alongside::domain::LanguageReview;
namespace corpus = alongside::domain::corpus;

struct Seconds {
  double wall = 0;
  double cpu = 0;
};

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Times `work` once; `work` returns a count that is printed, so that the
// compiler keeps it.
template <typename Work>
Seconds Time(Work&& work, size_t& result) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = ThreadCpuSeconds();
  result = work();
  Seconds taken;
  taken.cpu = ThreadCpuSeconds() - cpu_start;
  taken.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return taken;
}

Seconds Median(std::vector<Seconds> rounds) {
  std::sort(rounds.begin(), rounds.end(),
            [](const Seconds& left, const Seconds& right) { return left.cpu < right.cpu; });
  return rounds[rounds.size() / 2];
}

// The trivial pass: every byte lower-cased (ASCII) into a reused buffer, the
// spaces counted.
size_t LowerAndCountSpaces(const std::vector<std::string_view>& passages) {
  std::string buffer;
  size_t spaces = 0;
  for (std::string_view passage : passages) {
    buffer.resize(passage.size());
    for (size_t byte_idx = 0; byte_idx < passage.size(); ++byte_idx) {
      char c = passage[byte_idx];
      buffer[byte_idx] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      spaces += c == ' ';
    }
    spaces += static_cast<unsigned char>(buffer[0]) & 1u;  // the buffer is read
  }
  return spaces;
}

size_t ReviewAll(const LanguageReview& review, const std::vector<std::string_view>& passages) {
  size_t flags = 0;
  for (std::string_view passage : passages) flags += review.Review(passage).size();
  return flags;
}

void Measure(const char* shape, const LanguageReview& review,
             const std::vector<std::string_view>& passages, size_t sentences, size_t rounds) {
  size_t bytes = 0;
  for (std::string_view passage : passages) bytes += passage.size();
  std::vector<Seconds> reference_rounds;
  std::vector<Seconds> review_rounds;
  size_t spaces = 0;
  size_t flags = 0;
  for (size_t round = 0; round < rounds; ++round) {
    reference_rounds.push_back(Time([&] { return LowerAndCountSpaces(passages); }, spaces));
    review_rounds.push_back(Time([&] { return ReviewAll(review, passages); }, flags));
    std::fprintf(stderr, "%s round %zu: reference %.3f s cpu, review %.3f s cpu\n", shape,
                 round + 1, reference_rounds.back().cpu, review_rounds.back().cpu);
  }
  const Seconds reference = Median(reference_rounds);
  const Seconds reviewed = Median(review_rounds);
  const double megabytes = static_cast<double>(bytes) / 1e6;
  std::printf("\n%s: %zu passages, %zu sentences, %.1f MB, %zu flags (%zu spaces)\n", shape,
              passages.size(), sentences, megabytes, flags, spaces);
  std::printf("| | reference (lower-case, count spaces) | review | review / reference |\n");
  std::printf("|---|---:|---:|---:|\n");
  std::printf("| thread CPU, median of %zu | %.3f s | %.3f s | %.0fx |\n", rounds, reference.cpu,
              reviewed.cpu, reviewed.cpu / reference.cpu);
  std::printf("| wall clock, same round | %.3f s | %.3f s | %.0fx |\n", reference.wall,
              reviewed.wall, reviewed.wall / reference.wall);
  std::printf("| sentences per second (CPU) | %.0f | %.0f | |\n",
              static_cast<double>(sentences) / reference.cpu,
              static_cast<double>(sentences) / reviewed.cpu);
  std::printf("| MB per second (CPU) | %.0f | %.1f | |\n", megabytes / reference.cpu,
              megabytes / reviewed.cpu);
  std::printf("| microseconds per passage (CPU) | %.3f | %.2f | |\n",
              reference.cpu * 1e6 / static_cast<double>(passages.size()),
              reviewed.cpu * 1e6 / static_cast<double>(passages.size()));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Throughput of the note language review against a trivial pass"};
  std::string corpus_path = std::string(ALONGSIDE_SOURCE_DIR) + "/tests/domain/language_corpus.tsv";
  size_t sentence_count = 1000000;
  size_t per_note = 8;
  size_t rounds = 3;
  std::string held_out_from;
  std::string rules_path;
  app.add_option("--corpus", corpus_path, "the labelled corpus")->check(CLI::ExistingFile);
  app.add_option("--rules", rules_path, "a program's language.json instead of the built-in one")
      ->check(CLI::ExistingFile);
  app.add_option("--sentences", sentence_count, "sentences to review")
      ->check(CLI::Range(1, 100000000));
  app.add_option("--per-note", per_note, "sentences per note in the second shape")
      ->check(CLI::Range(1, 1000));
  app.add_option("--rounds", rounds, "rounds of each measurement")->check(CLI::Range(1, 99));
  app.add_option("--held-out-from", held_out_from,
                 "also score the sentences from this id on (\"C485\")");
  CLI11_PARSE(app, argc, argv);

  alongside::Result<std::vector<corpus::CorpusSentence>> sentences =
      corpus::ReadCorpus(corpus_path);
  if (!sentences.ok()) {
    std::fprintf(stderr, "%s\n", sentences.status().ToString().c_str());
    return 1;
  }
  std::optional<LanguageReview> own_rules;
  if (!rules_path.empty()) {
    std::ifstream file(rules_path, std::ios::binary);
    std::stringstream json;
    json << file.rdbuf();
    alongside::Result<LanguageReview> loaded = LanguageReview::FromJson(json.str(), rules_path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      return 2;
    }
    own_rules.emplace(std::move(loaded).value());
  }
  const LanguageReview& review = own_rules ? *own_rules : LanguageReview::Current();

  corpus::CorpusScore score = corpus::Score(review, *sentences);
  std::printf("corpus %s: %zu sentences, %zu labelled clean, %zu rules\n%s", corpus_path.c_str(),
              score.sentences, score.clean_sentences, review.rules().size(),
              corpus::ScoreTable(score).c_str());
  if (!held_out_from.empty()) {
    auto first =
        std::find_if(sentences->begin(), sentences->end(),
                     [&](const corpus::CorpusSentence& s) { return s.id == held_out_from; });
    if (first == sentences->end()) {
      std::fprintf(stderr, "no sentence %s in the corpus\n", held_out_from.c_str());
      return 2;
    }
    corpus::CorpusScore held_out = corpus::Score(review, {first, sentences->end()});
    std::printf("\nfrom %s on: %zu sentences, %zu labelled clean\n%s%s", held_out_from.c_str(),
                held_out.sentences, held_out.clean_sentences, corpus::ScoreTable(held_out).c_str(),
                corpus::MisclassifiedList(held_out).c_str());
  }

  // The text, in one buffer: sentence k is corpus sentence k * 7919 mod n.
  const size_t corpus_size = sentences->size();
  std::string text;
  std::vector<std::pair<size_t, size_t>> spans;  // [start, end) of each sentence in `text`
  spans.reserve(sentence_count);
  for (size_t sentence_idx = 0; sentence_idx < sentence_count; ++sentence_idx) {
    const std::string& sentence = (*sentences)[sentence_idx * 7919 % corpus_size].text;
    if (!spans.empty() && sentence_idx % per_note != 0) text += ' ';
    spans.emplace_back(text.size(), text.size() + sentence.size());
    text += sentence;
  }
  std::vector<std::string_view> one_each;
  one_each.reserve(spans.size());
  for (const auto& [start, end] : spans) one_each.emplace_back(text.data() + start, end - start);
  std::vector<std::string_view> notes;
  for (size_t first = 0; first < spans.size(); first += per_note) {
    const size_t last = std::min(first + per_note, spans.size()) - 1;
    notes.emplace_back(text.data() + spans[first].first, spans[last].second - spans[first].first);
  }

  Measure("one sentence a passage", review, one_each, sentence_count, rounds);
  Measure(("notes of " + std::to_string(per_note) + " sentences").c_str(), review, notes,
          sentence_count, rounds);
  return 0;
}
