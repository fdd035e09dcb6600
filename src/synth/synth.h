// The synthetic program generator: a whole peer support program (teams, staff
// and their supervisors, people served, assignments, contacts with note
// versions, goals, supervision, admissions) invented from a seed. The same
// options give the same records, byte for byte. No real person's data is
// used: names and phrases come from src/synth/data/phrases.json.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/local_time.h"
#include "common/status.h"
#include "common/time.h"
#include "store/store.h"

namespace alongside::synth {

// How the teams are supervised (docs/fidelity.md): a mix (most teams hybrid,
// one in five clinical-only and one in five peer-only, when there are at
// least three teams), or every team the same way.
enum class SupervisionMix { kMixed, kHybrid, kClinicalOnly, kPeerOnly };
// "mixed", "hybrid", "clinical-only", "peer-only" (the --supervision values).
Result<SupervisionMix> ParseSupervisionMix(std::string_view text);

struct SynthOptions {
  int people = 2000;
  int months = 12;
  std::uint64_t seed = 1;
  Day end_on = 0;            // last day of the program's history (e.g. today)
  // The program's time zone: contacts and sessions happen in its working
  // hours, and its days are the days of the history.
  TimeZone zone = TimeZone::Utc();
  int people_per_worker = 50;
  int people_per_batch = 1000;  // records are loaded in transactions of this many people
  SupervisionMix supervision = SupervisionMix::kMixed;
};

struct SynthReport {
  std::int64_t teams = 0;
  std::int64_t staff = 0;
  std::int64_t people = 0;
  std::int64_t contacts = 0;
  std::int64_t supervision_sessions = 0;
  std::int64_t admissions = 0;
};

// A member of staff the generator invented, for whoever needs to make
// sign-ins for them.
struct SynthStaffMember {
  domain::Id id = 0;
  std::string display_name;
  domain::Role role;
};

// Checks the options; InvalidArgument names the flag at fault.
Status ValidateOptions(const SynthOptions& options);

// Writes the program into `store` (which should be empty) in batches.
// `progress` (may be empty) is called after each batch with people done.
Result<SynthReport> Generate(const SynthOptions& options, store::Store& store,
                             const std::function<void(int people_done)>& progress = {});

}  // namespace alongside::synth
