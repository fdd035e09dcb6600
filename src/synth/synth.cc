#include "synth/synth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/xoshiro.h"
#include "domain/activity_catalog.h"

namespace alongside::embedded {
extern const std::string_view data_phrases_json;
extern const std::string_view data_contacts_json;
}

namespace alongside::synth {
namespace {

using domain::Id;

// Draws for the generator on the project's one engine (common/xoshiro.h);
// the standard library's distributions differ between implementations.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream)
      : engine_(seed ^ (stream * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull)) {}

  std::uint64_t Next() { return engine_.Next(); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  int Below(int bound) { return static_cast<int>(Uniform() * bound); }
  int Between(int low, int high) { return low + Below(high - low + 1); }
  bool Chance(double probability) { return Uniform() < probability; }
  double Exponential(double mean) { return -mean * std::log1p(-Uniform()); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Below(static_cast<int>(items.size())))];
  }

 private:
  Xoshiro256StarStar engine_;
};

struct Phrases {
  std::vector<std::string> first_names, family_initials, pronouns, self_descriptions, goals,
      progress, person_words, reflections, reflection_felt, reflection_learned, reflection_next;
};

const Phrases& LoadPhrases() {
  static const Phrases phrases = [] {
    nlohmann::json doc = nlohmann::json::parse(embedded::data_phrases_json, nullptr, false);
    Phrases loaded;
    auto take = [&](const char* key, std::vector<std::string>& out) {
      if (doc.is_discarded() || !doc.contains(key) || !doc[key].is_array() || doc[key].empty()) {
        std::fprintf(stderr, "built-in synthetic phrases lack '%s'\n", key);
        std::abort();  // shipped inside the binary: a build defect
      }
      out = doc[key].get<std::vector<std::string>>();
    };
    take("first_names", loaded.first_names);
    take("family_initials", loaded.family_initials);
    take("pronouns", loaded.pronouns);
    take("self_descriptions", loaded.self_descriptions);
    take("goals", loaded.goals);
    take("progress", loaded.progress);
    take("person_words", loaded.person_words);
    take("reflections", loaded.reflections);
    take("reflection_felt", loaded.reflection_felt);
    take("reflection_learned", loaded.reflection_learned);
    take("reflection_next", loaded.reflection_next);
    return loaded;
  }();
  return phrases;
}

// The kinds of contact and the parts of their notes (data/contacts.json).
struct NoteMiddle {
  std::string text;
  std::vector<std::string> activities;
  domain::ModalitySet modalities = 0;
};

struct ContactKind {
  std::string code;
  domain::ContactSetting setting = domain::ContactSetting::kCommunity;
  int min_minutes = 0, max_minutes = 0;
  int default_weight = 0, during_stay_weight = 0;
  std::map<domain::TeamSetting, int> team_weights;  // overrides default_weight
  domain::ModalitySet modalities = 0;
  std::vector<std::string> activities;
  std::vector<std::string> places, openings;
  std::vector<NoteMiddle> middles;

  int WeightFor(domain::TeamSetting team, bool in_hospital) const {
    if (in_hospital) return during_stay_weight;
    auto found = team_weights.find(team);
    return found == team_weights.end() ? default_weight : found->second;
  }
};

struct ContactData {
  std::vector<ContactKind> kinds;
  std::vector<std::string> doing, next_steps;
  // A clinical-only activity and what a note says when a peer recorded it.
  std::vector<std::pair<std::string, std::string>> drift;
};

[[noreturn]] void ContactDataDefect(const std::string& what) {
  std::fprintf(stderr, "built-in synthetic contacts.json: %s\n", what.c_str());
  std::abort();  // shipped inside the binary: a build defect
}

// A member of an object, or null when it is missing.
const nlohmann::json& Member(const nlohmann::json& node, const char* key) {
  static const nlohmann::json kMissing;
  if (!node.is_object()) return kMissing;
  auto found = node.find(key);
  return found == node.end() ? kMissing : *found;
}

std::vector<std::string> Strings(const nlohmann::json& node, const std::string& where,
                                 bool allow_empty) {
  if (allow_empty && node.is_null()) return {};
  if (!node.is_array() || (!allow_empty && node.empty())) {
    ContactDataDefect(where + " must be a list" + (allow_empty ? "" : " with at least one entry"));
  }
  std::vector<std::string> out;
  for (const nlohmann::json& item : node) {
    if (!item.is_string() || item.get<std::string>().empty()) {
      ContactDataDefect(where + " must hold text");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

domain::ModalitySet Modalities(const nlohmann::json& node, const std::string& where) {
  Result<domain::ModalitySet> set = domain::ParseModalities(Strings(node, where, true), where);
  if (!set.ok()) ContactDataDefect(set.status().ToString());
  return *set;
}

// Activity codes; tests/synth checks them against the built-in catalog (the
// store checks every contact against the catalog in force).
std::vector<std::string> Activities(const nlohmann::json& node, const std::string& where) {
  return Strings(node, where, true);
}

const ContactData& LoadContactData() {
  static const ContactData data = [] {
    nlohmann::json doc = nlohmann::json::parse(embedded::data_contacts_json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) ContactDataDefect("not a JSON object");
    ContactData loaded;
    const nlohmann::json& kinds = Member(doc, "kinds");
    if (!kinds.is_array()) ContactDataDefect("kinds must be a list");
    for (const nlohmann::json& node : kinds) {
      ContactKind kind;
      if (!Member(node, "code").is_string()) ContactDataDefect("a kind lacks its code");
      kind.code = Member(node, "code").get<std::string>();
      const std::string where = "kinds." + kind.code;
      const nlohmann::json& setting_name = Member(node, "setting");
      Result<domain::ContactSetting> setting = domain::ParseContactSetting(
          setting_name.is_string() ? setting_name.get<std::string>() : "", where + ".setting");
      if (!setting.ok()) ContactDataDefect(setting.status().ToString());
      kind.setting = *setting;
      const nlohmann::json& minutes = Member(node, "minutes");
      if (!minutes.is_array() || minutes.size() != 2 || !minutes[0].is_number_integer() ||
          !minutes[1].is_number_integer()) {
        ContactDataDefect(where + ".minutes must be [least, most]");
      }
      kind.min_minutes = minutes[0].get<int>();
      kind.max_minutes = minutes[1].get<int>();
      if (kind.min_minutes < 1 || kind.max_minutes > 720 || kind.min_minutes > kind.max_minutes) {
        ContactDataDefect(where + ".minutes must be 1..720, least first");
      }
      const nlohmann::json& weights = Member(node, "weights");
      if (!weights.is_object()) ContactDataDefect(where + ".weights must be an object");
      for (const auto& [key, weight] : weights.items()) {
        if (!weight.is_number_integer() || weight.get<int>() < 0) {
          ContactDataDefect(where + ".weights." + key + " must be a whole number >= 0");
        }
        if (key == "default") {
          kind.default_weight = weight.get<int>();
        } else if (key == "during_stay") {
          kind.during_stay_weight = weight.get<int>();
        } else {
          Result<domain::TeamSetting> team = domain::ParseTeamSetting(key, where + ".weights");
          if (!team.ok()) ContactDataDefect(team.status().ToString());
          kind.team_weights[*team] = weight.get<int>();
        }
      }
      kind.modalities = Modalities(Member(node, "modalities"), where + ".modalities");
      if (kind.modalities == 0) ContactDataDefect(where + ".modalities must name at least one");
      kind.activities = Activities(Member(node, "activities"), where + ".activities");
      kind.places = Strings(Member(node, "places"), where + ".places", true);
      kind.openings = Strings(Member(node, "openings"), where + ".openings", false);
      for (const std::string& opening : kind.openings) {
        if ((opening.find("{place}") != std::string::npos) == kind.places.empty()) {
          ContactDataDefect(where + ": {place} is used exactly when the kind has places");
        }
      }
      const nlohmann::json& middles = Member(node, "middles");
      if (!middles.is_array()) ContactDataDefect(where + ".middles must be a list");
      for (const nlohmann::json& item : middles) {
        NoteMiddle middle;
        const nlohmann::json& text = Member(item, "text");
        if (!text.is_string() || text.get<std::string>().empty()) {
          ContactDataDefect(where + ".middles: text missing");
        }
        middle.text = text.get<std::string>();
        middle.activities = Activities(Member(item, "activities"), where + ".middles.activities");
        middle.modalities = Modalities(Member(item, "modalities"), where + ".middles.modalities");
        if (kind.activities.empty() && middle.activities.empty()) {
          ContactDataDefect(where + ": a note must record an activity (\"" + middle.text + "\")");
        }
        kind.middles.push_back(std::move(middle));
      }
      if (kind.middles.empty()) ContactDataDefect(where + ".middles must not be empty");
      loaded.kinds.push_back(std::move(kind));
    }
    if (loaded.kinds.empty()) ContactDataDefect("kinds must not be empty");
    loaded.doing = Strings(Member(doc, "doing"), "doing", false);
    loaded.next_steps = Strings(Member(doc, "next_steps"), "next_steps", false);
    const nlohmann::json& drift = Member(doc, "drift");
    if (!drift.is_object()) ContactDataDefect("drift must be an object");
    for (const auto& [code, text] : drift.items()) {
      if (code == "description") continue;
      if (!text.is_string() || text.get<std::string>().empty()) {
        ContactDataDefect("drift." + code + " must be a sentence");
      }
      loaded.drift.emplace_back(code, text.get<std::string>());
    }
    if (loaded.drift.empty()) ContactDataDefect("drift must not be empty");
    return loaded;
  }();
  return data;
}

// How a team is supervised. The hybrid model (a senior peer supervisor and a
// clinical supervisor) is the norm; one team of each single-supervisor model
// is generated so fidelity measures can show the contrast.
enum class SupervisionModel { kHybrid, kClinicalOnly, kPeerOnly };

struct TeamPlan {
  domain::Team team;
  SupervisionModel model = SupervisionModel::kHybrid;
  std::optional<Id> peer_supervisor;
  std::optional<Id> clinical_supervisor;
  std::vector<size_t> workers;  // indexes into Plan::workers
};

struct WorkerPlan {
  Id id = 0;
  size_t team_index = 0;
};

struct Plan {
  Day start_on = 0;
  Day end_on = 0;
  std::vector<TeamPlan> teams;
  std::vector<WorkerPlan> workers;
};

std::string PersonName(Rng& rng, const Phrases& phrases) {
  return rng.Pick(phrases.first_names) + " " + rng.Pick(phrases.family_initials) + ".";
}

domain::Role WorkerRole(domain::TeamSetting setting) {
  switch (setting) {
    case domain::TeamSetting::kInpatientBridging: return domain::Role::kPeerBridger;
    case domain::TeamSetting::kRecoveryCommunityOrganization: return domain::Role::kRecoveryCoach;
    default: return domain::Role::kPeerSpecialist;
  }
}

std::string Replace(std::string text, std::string_view token, const std::string& value) {
  for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos)) {
    text.replace(pos, token.size(), value);
    pos += value.size();
  }
  return text;
}

// "Sam" of "Sam K.": how a note names the person after the first time.
std::string FirstName(const std::string& preferred_name) {
  return preferred_name.substr(0, preferred_name.find(' '));
}

// Names the person in a note: in full the first time, by first name after
// that, and no doubled period when the name ends a sentence ("Sam K.").
std::string WithName(std::string text, const domain::Person& person) {
  static constexpr std::string_view kToken = "{name}";
  bool first = true;
  for (size_t pos = text.find(kToken); pos != std::string::npos; pos = text.find(kToken, pos)) {
    std::string name = first ? person.preferred_name : FirstName(person.preferred_name);
    first = false;
    size_t length = kToken.size();
    if (!name.empty() && name.back() == '.' && pos + length < text.size() &&
        text[pos + length] == '.') {
      ++length;
    }
    text.replace(pos, length, name);
    pos += name.size();
  }
  return text;
}

class Generator {
 public:
  Generator(const SynthOptions& options, store::Store& store)
      : options_(options), store_(store), phrases_(LoadPhrases()), contacts_(LoadContactData()) {}

  Result<SynthReport> Run(const std::function<void(int)>& progress) {
    plan_.end_on = options_.end_on;
    plan_.start_on = options_.end_on - options_.months * 365 / 12;
    store::LoadBatch staffing = PlanStaffing();
    ALONGSIDE_RETURN_IF_ERROR(store_.Load(staffing, actor_));
    for (int first = 0; first < options_.people; first += options_.people_per_batch) {
      int last = std::min(options_.people, first + options_.people_per_batch);
      store::LoadBatch batch;
      for (int person_idx = first; person_idx < last; ++person_idx) {
        AddPerson(person_idx, batch);
      }
      report_.contacts += static_cast<std::int64_t>(batch.contacts.size());
      report_.admissions += static_cast<std::int64_t>(batch.admissions.size());
      ALONGSIDE_RETURN_IF_ERROR(store_.Load(batch, actor_));
      if (progress) progress(last);
    }
    report_.people = options_.people;
    ALONGSIDE_RETURN_IF_ERROR(AddGovernance());
    return report_;
  }

 private:
  Id NextStaffId() { return ++staff_ids_; }

  // The program's governance (docs/governance.md): the manager's
  // declarations, performance metrics proposed and endorsed by people served
  // and staff, and a few concerns raised. Each one through the store, after
  // the people exist; the audit itself is computed, never written.
  Status AddGovernance() {
    Rng rng(options_.seed, 7);
    const Instant at = options_.zone.StartOfDay(plan_.end_on - 30) + 10 * 3600;
    struct Declared {
      const char* code;
      bool met;
      const char* evidence;
    };
    // Parity pay is the gap a program most often has: left unmet.
    static constexpr Declared kDeclared[] = {
        {"documentation_standard", true, "Documentation standard v3, adopted by the board in March."},
        {"risk_protocol", true, "The least-restrictive safety protocol in Alongside; reviewed yearly."},
        {"grievance_process", true, "Independent panel with a peer representative; policy G-2."},
        {"career_ladder", true, "Peer Specialist I-III and Senior Peer Supervisor, with criteria."},
        {"parity_pay", false, "Peer pay is 14% below the comparable care coordinator role."},
    };
    for (const Declared& declared : kDeclared) {
      domain::GovernanceDeclaration declaration;
      declaration.code = declared.code;
      declaration.met = declared.met;
      declaration.evidence = declared.evidence;
      declaration.recorded_by = manager_id_;
      declaration.recorded_at = at;
      ALONGSIDE_RETURN_IF_ERROR(store_.AddGovernanceDeclaration(declaration, actor_).status());
    }
    static constexpr const char* kMetrics[] = {
        "People say they feel heard by their peer worker.",
        "People reach goals they wrote themselves.",
        "People know how to reach someone in a hard moment.",
        "Contacts in the community, not only in the office.",
        "Notes written within three days.",
        "People feel less alone than when they started.",
    };
    const int people = options_.people;
    for (size_t idx = 0; idx < std::size(kMetrics); ++idx) {
      domain::ProgramMetric metric;
      metric.words = kMetrics[idx];
      metric.proposed_at = at + static_cast<Instant>(idx) * 3600;
      // Every other one proposed by a person served, the rest by the manager.
      if (idx % 2 == 0) {
        metric.proposed_by_person_id = 1 + rng.Below(people);
      } else {
        metric.proposed_by_staff_id = manager_id_;
      }
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, store_.ProposeMetric(metric, actor_));
      const int endorsements = idx == 3 ? std::min(people, 4) : rng.Below(std::min(people, 3));
      for (int person = 1; person <= endorsements; ++person) {
        ALONGSIDE_RETURN_IF_ERROR(
            store_.EndorseMetric(id, person, metric.proposed_at + person * 600, actor_));
      }
      if (idx != 4) {
        ALONGSIDE_RETURN_IF_ERROR(store_.AdoptMetric(id, metric.proposed_at + 86400, actor_));
      }
    }
    static constexpr const char* kConcerns[] = {
        "My visits were moved three times without anyone asking me.",
        "I was told what to do about my medication, and I wanted to decide myself.",
    };
    for (size_t idx = 0; idx < std::size(kConcerns) && !plan_.workers.empty(); ++idx) {
      domain::Grievance grievance;
      grievance.filed_by_person_id = 1 + rng.Below(people);
      grievance.about_worker_id = plan_.workers[idx % plan_.workers.size()].id;
      grievance.filed_at = at + static_cast<Instant>(idx + 1) * 86400;
      grievance.summary = kConcerns[idx];
      ALONGSIDE_RETURN_IF_ERROR(store_.FileGrievance(grievance, actor_).status());
    }
    return Status::Ok();
  }

  store::LoadBatch PlanStaffing() {
    Rng rng(options_.seed, 0);
    store::LoadBatch batch;
    batch.programs.push_back({1, "Riverbend Peer Support Collaborative (synthetic)"});
    int worker_count =
        std::max(1, (options_.people + options_.people_per_worker - 1) / options_.people_per_worker);
    int team_count = std::max(1, (worker_count + 7) / 8);
    static constexpr domain::TeamSetting kSettings[] = {
        domain::TeamSetting::kCommunityAgency, domain::TeamSetting::kInpatientBridging,
        domain::TeamSetting::kRecoveryCommunityOrganization, domain::TeamSetting::kActTeam,
        domain::TeamSetting::kForensicReentry, domain::TeamSetting::kYouth};
    static constexpr const char* kTeamNames[] = {"Harbor", "Bridgeway", "Commons", "Northside",
                                                 "Crossroads", "Sprout"};
    for (int team_idx = 0; team_idx < team_count; ++team_idx) {
      TeamPlan team;
      team.team.id = team_idx + 1;
      team.team.program_id = 1;
      team.team.setting = kSettings[team_idx % 6];
      team.team.name = fmt::format("{} team {}", kTeamNames[team_idx % 6], team_idx / 6 + 1);
      switch (options_.supervision) {
        case SupervisionMix::kMixed:
          if (team_count >= 3 && team_idx % 5 == 3) team.model = SupervisionModel::kClinicalOnly;
          if (team_count >= 3 && team_idx % 5 == 4) team.model = SupervisionModel::kPeerOnly;
          break;
        case SupervisionMix::kHybrid: team.model = SupervisionModel::kHybrid; break;
        case SupervisionMix::kClinicalOnly: team.model = SupervisionModel::kClinicalOnly; break;
        case SupervisionMix::kPeerOnly: team.model = SupervisionModel::kPeerOnly; break;
      }
      batch.teams.push_back(team.team);
      if (team.model != SupervisionModel::kClinicalOnly) {
        team.peer_supervisor = NextStaffId();
        batch.staff.push_back({*team.peer_supervisor, team.team.id, PersonName(rng, phrases_),
                               domain::Role::kSeniorPeerSupervisor, std::nullopt, std::nullopt,
                               true});
      }
      if (team.model != SupervisionModel::kPeerOnly) {
        team.clinical_supervisor = NextStaffId();
        batch.staff.push_back({*team.clinical_supervisor, team.team.id,
                               PersonName(rng, phrases_), domain::Role::kClinicalSupervisor,
                               std::nullopt, std::nullopt, true});
      }
      if (team.team.setting == domain::TeamSetting::kActTeam ||
          team.team.setting == domain::TeamSetting::kForensicReentry) {
        batch.staff.push_back({NextStaffId(), team.team.id, PersonName(rng, phrases_),
                               domain::Role::kClinician, std::nullopt, std::nullopt, true});
      }
      plan_.teams.push_back(std::move(team));
    }
    for (domain::Role role : {domain::Role::kProgramManager, domain::Role::kEvaluator,
                              domain::Role::kAdministrator}) {
      batch.staff.push_back(
          {NextStaffId(), 1, PersonName(rng, phrases_), role, std::nullopt, std::nullopt, true});
      if (role == domain::Role::kProgramManager) manager_id_ = batch.staff.back().id;
    }
    for (int worker_idx = 0; worker_idx < worker_count; ++worker_idx) {
      size_t team_index = static_cast<size_t>(std::min(worker_idx / 8, team_count - 1));
      TeamPlan& team = plan_.teams[team_index];
      WorkerPlan worker{NextStaffId(), team_index};
      team.workers.push_back(plan_.workers.size());
      plan_.workers.push_back(worker);
      batch.staff.push_back({worker.id, team.team.id, PersonName(rng, phrases_),
                             WorkerRole(team.team.setting), team.peer_supervisor,
                             team.clinical_supervisor, true});
      Day issued = plan_.start_on - rng.Between(30, 900);
      Day expires = issued + 730;
      batch.certifications.push_back(
          {static_cast<Id>(batch.certifications.size() + 1), worker.id,
           WorkerRole(team.team.setting) == domain::Role::kRecoveryCoach
               ? "Certified Recovery Coach"
               : "Certified Peer Specialist",
           issued, expires});
      AddSupervision(rng, team, worker, batch);
    }
    report_.teams = team_count;
    report_.staff = static_cast<std::int64_t>(batch.staff.size());
    report_.supervision_sessions = static_cast<std::int64_t>(batch.supervision_sessions.size());
    return batch;
  }

  void AddSupervision(Rng& rng, const TeamPlan& team, const WorkerPlan& worker,
                      store::LoadBatch& batch) {
    using domain::SupervisionFocus;
    auto add_series = [&](Id supervisor, domain::SupervisionKind kind, int cadence_days,
                          double miss_rate) {
      for (Day day = plan_.start_on + rng.Between(0, cadence_days - 1); day <= plan_.end_on;
           day += cadence_days) {
        if (rng.Chance(miss_rate)) continue;
        domain::SupervisionSession session;
        session.id = static_cast<Id>(++supervision_ids_);
        session.supervisor_id = supervisor;
        session.supervisee_id = worker.id;
        session.kind = kind;
        session.held_at = options_.zone.StartOfDay(day) + (9 + rng.Below(8)) * 3600;
        session.duration_minutes = kind == domain::SupervisionKind::kPeerPractice ? 60 : 45;
        if (kind == domain::SupervisionKind::kPeerPractice) {
          session.focus = {SupervisionFocus::kRoleFidelity, SupervisionFocus::kReflectivePractice};
          if (rng.Chance(0.4)) session.focus.push_back(SupervisionFocus::kSelfDisclosure);
          // Most peer practice sessions end with the supervisee's structured
          // reflection; some leave only a line of notes, or nothing.
          if (rng.Chance(0.85)) {
            session.what_happened = rng.Pick(phrases_.reflections);
            if (session.what_happened.empty()) session.what_happened = phrases_.reflections.front();
            session.what_i_felt = rng.Pick(phrases_.reflection_felt);
            session.what_i_learned = rng.Pick(phrases_.reflection_learned);
            session.what_i_will_do = rng.Pick(phrases_.reflection_next);
          } else if (rng.Chance(0.5)) {
            session.reflection = rng.Pick(phrases_.reflections);
          }
        } else {
          session.focus = {SupervisionFocus::kSafetyProtocols, SupervisionFocus::kDocumentation};
          if (rng.Chance(0.5)) session.focus.push_back(SupervisionFocus::kTeamIntegration);
        }
        batch.supervision_sessions.push_back(std::move(session));
      }
    };
    if (team.peer_supervisor) {
      add_series(*team.peer_supervisor, domain::SupervisionKind::kPeerPractice, 14, 0.08);
    }
    if (team.clinical_supervisor) {
      add_series(*team.clinical_supervisor, domain::SupervisionKind::kClinical, 30, 0.05);
    }
  }

  void AddPerson(int person_idx, store::LoadBatch& batch) {
    Rng rng(options_.seed, 1000 + static_cast<std::uint64_t>(person_idx));
    const WorkerPlan& worker = plan_.workers[static_cast<size_t>(person_idx) % plan_.workers.size()];
    const TeamPlan& team = plan_.teams[worker.team_index];
    domain::Person person;
    person.id = person_idx + 1;
    person.team_id = team.team.id;
    person.preferred_name = PersonName(rng, phrases_);
    person.pronouns = rng.Pick(phrases_.pronouns);
    person.self_description = rng.Chance(0.7) ? rng.Pick(phrases_.self_descriptions) : "";
    int end_year = std::stoi(FormatDay(plan_.end_on).substr(0, 4));
    person.birth_year = team.team.setting == domain::TeamSetting::kYouth
                            ? end_year - rng.Between(16, 24)
                            : end_year - rng.Between(19, 72);
    person.enrolled_on = plan_.start_on - 60 + rng.Below(plan_.end_on - 14 - plan_.start_on + 60);
    batch.people.push_back(person);

    Id worker_id = worker.id;
    Day assigned_on = person.enrolled_on;
    if (rng.Chance(0.05) && team.workers.size() > 1 && plan_.end_on - person.enrolled_on > 60) {
      Day handover = person.enrolled_on + rng.Between(30, plan_.end_on - person.enrolled_on - 20);
      batch.assignments.push_back(
          {++assignment_ids_, person.id, worker_id, person.enrolled_on, handover});
      size_t other = team.workers[static_cast<size_t>(rng.Below(static_cast<int>(team.workers.size())))];
      if (plan_.workers[other].id != worker_id) worker_id = plan_.workers[other].id;
      assigned_on = handover;
    }
    batch.assignments.push_back({++assignment_ids_, person.id, worker_id, assigned_on, std::nullopt});

    const size_t first_admission = batch.admissions.size();
    AddAdmissions(rng, team, person, batch);
    std::vector<domain::Admission> stays(
        batch.admissions.begin() + static_cast<std::ptrdiff_t>(first_admission),
        batch.admissions.end());
    AddContacts(rng, team, person, stays, worker.id, worker_id, assigned_on, batch);
    AddGoals(rng, person, batch);
    AddPlansAndSafety(person_idx, person, worker_id, team, batch);
  }

  // The person's plans and the safety events of the few who disclosed a
  // risk, from a stream of their own (so the rest of the program is the
  // same with or without them). Some events are still open, some reviewed
  // within the review time, some late, some not yet: the queue has work.
  void AddPlansAndSafety(int person_idx, const domain::Person& person, Id worker_id,
                         const TeamPlan& team, store::LoadBatch& batch) {
    Rng rng(options_.seed, 5'000'000 + static_cast<std::uint64_t>(person_idx));
    const Instant start = options_.zone.StartOfDay(std::max(person.enrolled_on, plan_.start_on));
    // Before the last day begins: nothing dated later than the demo's "now".
    const Instant end = options_.zone.StartOfDay(plan_.end_on);
    if (end - start < 14 * 86400) return;
    // Synthetic words only, in the person's own voice.
    static constexpr const char* kWarningSigns[] = {
        "I stop answering my phone and stay in bed.", "I stop eating and can't sleep.",
        "I start thinking nobody would notice if I was gone.", "I pick fights with my sister."};
    static constexpr const char* kCoping[] = {
        "Walk to the river and back.", "Put on loud music and clean the kitchen.",
        "Cold water on my face, then tea.", "Draw until my hands are tired."};
    static constexpr const char* kPeople[] = {
        "My sister Ana, any time.", "My sponsor, Luis.", "My neighbor Pat downstairs.",
        "My cousin Jo, after 5 pm."};
    static constexpr const char* kMatters[] = {
        "My dog, Biscuit.", "Seeing my niece graduate.", "My garden.", "Getting my kids back."};
    static constexpr const char* kToolbox[] = {
        "Morning walk, calling my sister, the Tuesday group.",
        "Music, cooking for friends, the library.", "Journaling, my bike, the peer drop-in."};
    static constexpr const char* kTriggers[] = {
        "Money running out at the end of the month.", "Loud arguments.",
        "The anniversary in March."};
    auto pick = [&](const auto& list) {
      return std::string(list[static_cast<size_t>(rng.Below(static_cast<int>(std::size(list))))]);
    };
    if (rng.Chance(0.35)) {
      domain::PersonPlan plan;
      plan.person_id = person.id;
      plan.kind = domain::PlanKind::kSafety;
      if (rng.Chance(0.6)) plan.shared_with.push_back(domain::PlanAudience::kSupervisors);
      domain::PlanVersion version;
      version.sections = {{"warning_signs", pick(kWarningSigns)},
                          {"internal_coping", pick(kCoping)},
                          {"people_to_ask", pick(kPeople)},
                          {"professionals_and_lines",
                           "988 (call or text). My clinic: Riverbend Health, 555-0142."},
                          {"what_matters_most", pick(kMatters)}};
      version.by_person = false;
      version.author_staff_id = worker_id;
      version.written_at = start + rng.Between(1, 30) * 86400 + 11 * 3600;
      if (version.written_at > end) version.written_at = end - 3600;
      if (rng.Chance(0.8)) version.cosigned_at = version.written_at + 900;
      version.review_on = options_.zone.DayOf(version.written_at) + rng.Between(30, 150);
      plan.versions.push_back(version);
      batch.plans.push_back(std::move(plan));
    }
    if (rng.Chance(0.25)) {
      domain::PersonPlan plan;
      plan.person_id = person.id;
      plan.kind = domain::PlanKind::kWellness;
      domain::PlanVersion version;
      version.sections = {{"wellness_toolbox", pick(kToolbox)},
                          {"triggers", pick(kTriggers)},
                          {"early_warning_signs", pick(kWarningSigns)}};
      version.by_person = true;
      version.written_at = start + rng.Between(1, 40) * 86400 + 14 * 3600;
      if (version.written_at > end) version.written_at = end - 7200;
      plan.versions.push_back(version);
      batch.plans.push_back(std::move(plan));
    }
    if (!rng.Chance(0.03)) return;
    using Code = domain::SafetyStepCode;
    domain::SafetyEvent event;
    event.person_id = person.id;
    event.worker_id = worker_id;
    static constexpr domain::SafetyKind kKinds[] = {
        domain::SafetyKind::kSuicidalThoughtsPassive, domain::SafetyKind::kSuicidalThoughtsPassive,
        domain::SafetyKind::kSuicidalThoughtsActive, domain::SafetyKind::kSuicidalThoughtsWithPlan,
        domain::SafetyKind::kRiskToOthers};
    event.kind = kKinds[rng.Below(5)];
    // Most events are weeks or months old; one in four is from the last days.
    const bool recent = rng.Chance(0.25);
    const Instant span = end - start - 7 * 86400;
    event.disclosed_at = recent ? end - rng.Between(2, 72) * 3600
                                : start + rng.Below(static_cast<int>(span / 3600)) * 3600LL;
    event.opened_at = event.disclosed_at + 600;
    Instant at = event.opened_at;
    auto step = [&](Code code, Instant after) {
      domain::SafetyStep next;
      next.step = code;
      at += after;
      next.at = at;
      next.recorded_at = at;
      next.by_staff_id = worker_id;
      return next;
    };
    const int steps_done = recent ? rng.Between(1, 7) : 7;
    std::vector<domain::SafetyStep> path;
    path.push_back(step(Code::kConfidentialityExplained, 300));
    path.push_back(step(Code::kSafetyPlanning, 1800));
    path.back().note = "Went through her safety plan together.";
    path.push_back(step(Code::kSupervisorConsulted, 1200));
    path.back().note = "Talked it through with my supervisor by phone.";
    domain::SafetyStep judged = step(Code::kImminentRiskJudged, 600);
    judged.imminent = false;
    judged.reason = "Has a plan for tonight and someone staying with them.";
    path.push_back(judged);
    domain::SafetyStep connected = step(Code::kConnectedWithConsent, 3600);
    connected.to = "Riverbend Health walk-in clinic";
    path.push_back(connected);
    path.push_back(step(Code::kFollowUp, 20 * 3600));
    path.back().note = "Called the next morning; feeling steadier.";
    path.push_back(step(Code::kClosed, 3 * 86400));
    for (int idx = 0; idx < steps_done && path[static_cast<size_t>(idx)].at <= end; ++idx) {
      event.steps.push_back(path[static_cast<size_t>(idx)]);
    }
    // The clinical supervisor's review: within the day for most, late for
    // some (a peer-only team has no clinical supervisor: the senior peer
    // supervisor reviews, later), none yet for a few recent ones.
    const std::optional<Id> reviewer =
        team.clinical_supervisor ? team.clinical_supervisor : team.peer_supervisor;
    const double late = team.clinical_supervisor ? 0.2 : 0.6;
    if (reviewer && !(recent && rng.Chance(0.6))) {
      domain::SafetyReview review;
      review.reviewer_id = *reviewer;
      review.reviewer_role = team.clinical_supervisor ? domain::Role::kClinicalSupervisor
                                                      : domain::Role::kSeniorPeerSupervisor;
      review.at = event.opened_at +
                  (rng.Chance(late) ? rng.Between(30, 96) : rng.Between(2, 20)) * 3600LL;
      review.note = "Read the steps; the least restrictive options came first.";
      if (review.at <= end) event.reviews.push_back(review);
    }
    batch.safety_events.push_back(std::move(event));
  }

  void AddAdmissions(Rng& rng, const TeamPlan& team, const domain::Person& person,
                     store::LoadBatch& batch) {
    bool bridging = team.team.setting == domain::TeamSetting::kInpatientBridging;
    if (!bridging && !rng.Chance(0.12)) return;
    Day admitted = bridging ? person.enrolled_on - rng.Between(3, 20)
                            : person.enrolled_on + rng.Between(10, 300);
    if (admitted > plan_.end_on) return;
    Day discharged = admitted + rng.Between(3, 21);
    domain::AdmissionKind kind = team.team.setting ==
                                         domain::TeamSetting::kRecoveryCommunityOrganization
                                     ? domain::AdmissionKind::kWithdrawalManagement
                                     : domain::AdmissionKind::kPsychiatricInpatient;
    auto add = [&](Day in, Day out) {
      domain::Admission admission{++admission_ids_, person.id, kind, in, std::nullopt, ""};
      if (out <= plan_.end_on) admission.discharged_on = out;
      batch.admissions.push_back(admission);
    };
    add(admitted, discharged);
    // Readmission: about one in six within the following months.
    if (rng.Chance(0.17)) {
      Day again = discharged + static_cast<Day>(rng.Exponential(60)) + 1;
      if (again <= plan_.end_on) add(again, again + rng.Between(3, 14));
    }
  }

  void AddContacts(Rng& rng, const TeamPlan& team, const domain::Person& person,
                   const std::vector<domain::Admission>& stays, Id first_worker, Id current_worker,
                   Day handover, store::LoadBatch& batch) {
    double mean_gap = 1.5 + rng.Exponential(1.5);
    double drift_rate = team.model == SupervisionModel::kClinicalOnly ? 0.15 : 0.01;
    double finalise_delay = team.model == SupervisionModel::kPeerOnly ? 4.0 : 0.8;
    Day first_day = std::max(person.enrolled_on, plan_.start_on);
    for (double day_value = first_day + rng.Exponential(3.0); day_value <= plan_.end_on;
         day_value += 1.0 + rng.Exponential(mean_gap)) {
      Day day = static_cast<Day>(day_value);
      Id worker_id = day >= handover ? current_worker : first_worker;
      domain::ContactVersion version = ComposeContact(rng, team, person, stays, day);
      if (rng.Chance(0.3)) version.person_words = rng.Pick(phrases_.person_words);
      version.written_by = worker_id;
      version.written_at = version.end + rng.Below(3600);
        if (rng.Chance(drift_rate)) {
        // Role drift: a clinical-only activity, and the note says so, for
        // supervision to see.
        const auto& [code, sentence] = rng.Pick(contacts_.drift);
        version.activities.push_back(code);
        version.note += " " + Replace(sentence, "{name}", FirstName(person.preferred_name));
      }

      domain::Contact contact;
      contact.id = ++contact_ids_;
      contact.person_id = person.id;
      contact.worker_id = worker_id;
      Instant signed_at = version.written_at + static_cast<Instant>(rng.Exponential(finalise_delay) * 86400);
      bool still_draft = options_.zone.DayOf(signed_at) > plan_.end_on || rng.Chance(0.01);
      if (still_draft) {
        contact.versions.push_back(version);
      } else if (rng.Chance(0.5)) {
        // Written and signed in one step.
        version.status = domain::NoteStatus::kFinal;
        version.signed_by = worker_id;
        version.signed_at = version.written_at;
        contact.versions.push_back(version);
      } else {
        contact.versions.push_back(version);
        domain::ContactVersion final_version = version;
        final_version.version = 2;
        final_version.status = domain::NoteStatus::kFinal;
        final_version.signed_by = worker_id;
        final_version.signed_at = signed_at;
        final_version.written_at = signed_at;
        contact.versions.push_back(std::move(final_version));
      }
      batch.contacts.push_back(std::move(contact));
    }
  }

  // One contact whose setting, minutes, support, activities and note agree:
  // all come from one kind of contact (data/contacts.json). While the person
  // is in the hospital, only the kinds that fit a stay are drawn.
  domain::ContactVersion ComposeContact(Rng& rng, const TeamPlan& team,
                                        const domain::Person& person,
                                        const std::vector<domain::Admission>& stays, Day day) {
    bool in_hospital = std::any_of(stays.begin(), stays.end(), [&](const domain::Admission& stay) {
      return stay.admitted_on <= day && (!stay.discharged_on || day < *stay.discharged_on);
    });
    const ContactKind& kind = PickKind(rng, team.team.setting, in_hospital);
    const NoteMiddle& middle = rng.Pick(kind.middles);
    domain::ContactVersion version;
    version.setting = kind.setting;
    version.start = options_.zone.StartOfDay(day) + (8 * 60 + rng.Below(9 * 60)) * 60;
    // Two draws averaged: most contacts last near the middle of the range.
    int span = kind.max_minutes - kind.min_minutes + 1;
    int minutes = kind.min_minutes + (rng.Below(span) + rng.Below(span)) / 2;
    if (span > 20) minutes = std::clamp((minutes + 2) / 5 * 5, kind.min_minutes, kind.max_minutes);
    version.end = version.start + minutes * 60;
    version.modalities = kind.modalities | middle.modalities;
    version.activities = kind.activities;
    for (const std::string& code : middle.activities) {
      if (std::find(version.activities.begin(), version.activities.end(), code) ==
          version.activities.end()) {
        version.activities.push_back(code);
      }
    }
    std::string opening = rng.Pick(kind.openings);
    if (!kind.places.empty()) opening = Replace(opening, "{place}", rng.Pick(kind.places));
    Day next_day = day + rng.Between(3, 10);
    int weekday = ((next_day % 7) + 7) % 7;  // 2 = Saturday, 3 = Sunday
    if (weekday == 2 || weekday == 3) next_day += 4 - weekday;
    std::string note = opening + " " + middle.text + " " + rng.Pick(contacts_.doing) + " " +
                       rng.Pick(contacts_.next_steps);
    version.note = WithName(Replace(note, "{next_day}", ReadableDay(next_day)  /* as the pages write days */), person);
    return version;
  }

  const ContactKind& PickKind(Rng& rng, domain::TeamSetting team, bool in_hospital) {
    int total = 0;
    for (const ContactKind& kind : contacts_.kinds) total += kind.WeightFor(team, in_hospital);
    if (total == 0) return contacts_.kinds.front();
    int roll = rng.Below(total);
    for (const ContactKind& kind : contacts_.kinds) {
      roll -= kind.WeightFor(team, in_hospital);
      if (roll < 0) return kind;
    }
    return contacts_.kinds.back();
  }

  void AddGoals(Rng& rng, const domain::Person& person, store::LoadBatch& batch) {
    int goal_count = std::min(1 + rng.Below(3), static_cast<int>(phrases_.goals.size()));
    // Drawn without replacement: a person never has the same goal twice.
    std::vector<size_t> order(phrases_.goals.size());
    for (size_t idx = 0; idx < order.size(); ++idx) order[idx] = idx;
    for (int goal_idx = 0; goal_idx < goal_count; ++goal_idx) {
      size_t pick = static_cast<size_t>(goal_idx) +
                    static_cast<size_t>(rng.Below(static_cast<int>(order.size()) - goal_idx));
      std::swap(order[static_cast<size_t>(goal_idx)], order[pick]);
      domain::Goal goal;
      goal.id = ++goal_ids_;
      goal.person_id = person.id;
      domain::GoalVersion version;
      version.words = phrases_.goals[order[static_cast<size_t>(goal_idx)]];
      version.authored_by_person = rng.Chance(0.85);
      version.written_at =
          options_.zone.StartOfDay(std::max(person.enrolled_on, plan_.start_on)) +
          (10 + goal_idx) * 3600;
      version.review_on = options_.zone.DayOf(version.written_at) + rng.Between(30, 120);
      if (rng.Chance(0.8)) version.cosigned_at = version.written_at + 600;
      goal.versions.push_back(version);
      if (rng.Chance(0.3)) {
        domain::GoalVersion next = version;
        next.version = 2;
        next.written_at = version.written_at + rng.Between(20, 90) * 86400;
        next.status = rng.Chance(0.5) ? domain::GoalStatus::kAchieved : domain::GoalStatus::kActive;
        next.review_on = options_.zone.DayOf(next.written_at) + 60;
        next.cosigned_at = next.written_at + 600;
        if (options_.zone.DayOf(next.written_at) <= plan_.end_on) goal.versions.push_back(next);
      }
      int progress_count = rng.Below(4);
      for (int progress_idx = 0; progress_idx < progress_count; ++progress_idx) {
        Instant at = version.written_at + (progress_idx + 1) * rng.Between(7, 30) * 86400;
        if (options_.zone.DayOf(at) > plan_.end_on) break;
        batch.goal_progress.push_back(
            {++progress_ids_, goal.id, at, rng.Pick(phrases_.progress), rng.Chance(0.8)});
      }
      batch.goals.push_back(std::move(goal));
    }
  }

  const SynthOptions& options_;
  store::Store& store_;
  const Phrases& phrases_;
  const ContactData& contacts_;
  store::Actor actor_{"cli:synth", "local"};
  Plan plan_;
  SynthReport report_;
  Id manager_id_ = 0;
  Id staff_ids_ = 0, assignment_ids_ = 0, contact_ids_ = 0, goal_ids_ = 0, progress_ids_ = 0,
     admission_ids_ = 0, supervision_ids_ = 0;
};

}  // namespace

Result<SupervisionMix> ParseSupervisionMix(std::string_view text) {
  if (text == "mixed") return SupervisionMix::kMixed;
  if (text == "hybrid") return SupervisionMix::kHybrid;
  if (text == "clinical-only") return SupervisionMix::kClinicalOnly;
  if (text == "peer-only") return SupervisionMix::kPeerOnly;
  return Status::InvalidArgument("--supervision",
                                 "must be mixed, hybrid, clinical-only or peer-only");
}

Status ValidateOptions(const SynthOptions& options) {
  if (options.people < 1 || options.people > 1000000) {
    return Status::InvalidArgument("--people", "must be 1..1000000");
  }
  if (options.months < 1 || options.months > 120) {
    return Status::InvalidArgument("--months", "must be 1..120");
  }
  if (options.people_per_worker < 1) {
    return Status::InvalidArgument("people_per_worker", "must be at least 1");
  }
  if (options.people_per_batch < 1) {
    return Status::InvalidArgument("people_per_batch", "must be at least 1");
  }
  return Status::Ok();
}

Result<SynthReport> Generate(const SynthOptions& options, store::Store& store,
                             const std::function<void(int)>& progress) {
  ALONGSIDE_RETURN_IF_ERROR(ValidateOptions(options));
  Generator generator(options, store);
  return generator.Run(progress);
}

}  // namespace alongside::synth
