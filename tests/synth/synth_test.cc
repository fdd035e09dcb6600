#include "domain/safety.h"
#include "synth/synth.h"

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/vocabulary.h"
#include "server/pages/form.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_support.h"

namespace alongside::synth {
namespace {

using domain::Id;
using testing::TempDir;

SynthOptions SmallOptions(std::uint64_t seed) {
  SynthOptions options;
  options.people = 150;
  options.months = 6;
  options.seed = seed;
  options.end_on = *ParseDay("2026-10-31", "end");
  options.people_per_batch = 40;  // several batches
  return options;
}

std::string DigestOf(const TempDir& dir, const std::string& name, const SynthOptions& options) {
  auto store = store::OpenSqliteStore(dir.File(name), store::OpenMode::kCreate);
  EXPECT_TRUE(store.ok());
  Result<SynthReport> report = Generate(options, **store);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return (*store)->ContentDigest().value();
}

TEST(SynthTest, SameSeedGivesTheSameDatabase) {
  TempDir dir;
  std::string first = DigestOf(dir, "a.db", SmallOptions(7));
  std::string again = DigestOf(dir, "b.db", SmallOptions(7));
  std::string other = DigestOf(dir, "c.db", SmallOptions(8));
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
}

TEST(SynthTest, BatchSizeDoesNotChangeTheProgram) {
  TempDir dir;
  SynthOptions one_batch = SmallOptions(7);
  one_batch.people_per_batch = 1000;
  EXPECT_EQ(DigestOf(dir, "a.db", SmallOptions(7)), DigestOf(dir, "b.db", one_batch));
}

TEST(SynthTest, ProgramHasTheShapeOfARealService) {
  TempDir dir;
  SynthOptions options = SmallOptions(3);
  options.people = 600;  // 12 workers -> 2 teams
  auto store = store::OpenSqliteStore(dir.File("p.db"), store::OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  SynthReport report = Generate(options, **store).value();
  store::ProgramSummary summary = (*store)->Summary().value();
  EXPECT_EQ(summary.people_served, 600);
  EXPECT_EQ(summary.peer_workers, 12);
  EXPECT_EQ(summary.teams, 2);
  EXPECT_EQ(summary.contacts, report.contacts);
  // Roughly weekly contact over the months each person is enrolled.
  EXPECT_GT(summary.contacts, 600 * 10);
  EXPECT_LT(summary.contacts, 600 * 60);
  EXPECT_GT(summary.contacts_final, summary.contacts * 9 / 10);
  EXPECT_LT(summary.contacts_final, summary.contacts);  // recent notes still in draft
  EXPECT_GT(summary.supervision_sessions, 12 * 6);      // fortnightly peer + monthly clinical
  EXPECT_GT(summary.admissions, 0);
  EXPECT_GE(summary.goals, 600);
  EXPECT_TRUE((*store)->VerifyAudit().value().intact);
}

TEST(SynthTest, RejectsBadOptionsNamingTheFlag) {
  SynthOptions options = SmallOptions(1);
  options.people = 0;
  EXPECT_EQ(ValidateOptions(options).field(), "--people");
  options = SmallOptions(1);
  options.months = 0;
  EXPECT_EQ(ValidateOptions(options).field(), "--months");
}

// ---------------------------------------------------------------------------
// The story the demo tells: every contact's details agree with its note.

nlohmann::json ReadJson(const std::string& relative) {
  std::ifstream file(std::string(ALONGSIDE_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(file) << relative;
  std::stringstream text;
  text << file.rdbuf();
  return nlohmann::json::parse(text.str());
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return text;
}

std::string ReplaceAll(std::string text, const std::string& token, const std::string& value) {
  for (size_t pos = text.find(token); pos != std::string::npos;
       pos = text.find(token, pos + value.size())) {
    text.replace(pos, token.size(), value);
  }
  return text;
}

// A note with the person's name, in full ("Sam K.") or first name only
// ("Sam"), written back as {name}.
std::string AsTemplate(const std::string& note, const std::string& person_name) {
  std::string text = ReplaceAll(note, person_name, "{name}");
  const std::string first_name = person_name.substr(0, person_name.find(' '));
  return std::regex_replace(text, std::regex("\\b" + first_name + "\\b"), "{name}");
}

std::set<std::string> StringSet(const nlohmann::json& node) {
  std::set<std::string> out;
  for (const nlohmann::json& item : node) out.insert(item.get<std::string>());
  return out;
}

// What a contact records, as names: the details a note must agree with.
struct ContactFacts {
  std::string setting;
  int minutes = 0;
  std::set<std::string> modalities;
  std::set<std::string> activities;
  std::string note;  // the person's name written as {name}
};

// The rules of src/synth/data/contacts.json (`settings`, `cues`) and the
// built-in activity catalog, read independently of the generator.
class Consistency {
 public:
  Consistency()
      : data_(ReadJson("src/synth/data/contacts.json")),
        catalog_(ReadJson("src/rules/data/activities.json")) {
    for (const nlohmann::json& activity : catalog_["activities"]) {
      scope_[activity["code"].get<std::string>()] = activity["scope"].get<std::string>();
    }
  }

  const nlohmann::json& data() const { return data_; }
  bool IsActivity(const std::string& code, const std::string& scope) const {
    auto found = scope_.find(code);
    return found != scope_.end() && found->second == scope;
  }

  // Every way `facts` disagrees with the tables: empty when it reads true.
  std::vector<std::string> Problems(const ContactFacts& facts) const {
    std::vector<std::string> problems;
    auto problem = [&](const std::string& what) {
      problems.push_back(what + " [" + facts.setting + ", " + std::to_string(facts.minutes) +
                         " min] " + facts.note);
    };
    const nlohmann::json& settings = data_["settings"];
    if (!settings.contains(facts.setting)) {
      problem("unknown setting " + facts.setting);
      return problems;
    }
    const nlohmann::json& setting = settings[facts.setting];
    if (facts.minutes < setting["minutes"][0].get<int>() ||
        facts.minutes > setting["minutes"][1].get<int>()) {
      problem("minutes outside the setting's range");
    }
    std::set<std::string> modalities = StringSet(setting["modalities"]);
    for (const std::string& modality : facts.modalities) {
      if (modalities.count(modality) == 0) problem(modality + " support in this setting");
    }
    if (facts.modalities.empty()) problem("no modality");
    std::set<std::string> activities = StringSet(setting["activities"]);
    for (const std::string& activity : facts.activities) {
      if (IsActivity(activity, "clinical-only")) continue;  // role drift: see the cues
      if (!IsActivity(activity, "peer")) problem("unknown activity " + activity);
      if (activities.count(activity) == 0) problem(activity + " in this setting");
    }
    const std::string note = Lower(facts.note);
    std::set<std::string> explained;
    for (const nlohmann::json& cue : data_["cues"]) {
      const std::string id = cue["id"].get<std::string>();
      bool heard = false;
      for (const nlohmann::json& word : cue["words"]) {
        heard = heard || note.find(Lower(word.get<std::string>())) != std::string::npos;
      }
      if (!heard) continue;
      if (cue.contains("settings") && StringSet(cue["settings"]).count(facts.setting) == 0) {
        problem(id + ": the note's words do not fit the setting");
      }
      if (cue.contains("minutes") && (facts.minutes < cue["minutes"][0].get<int>() ||
                                      facts.minutes > cue["minutes"][1].get<int>())) {
        problem(id + ": the note's words do not fit the minutes");
      }
      if (cue.contains("activities")) {
        std::set<std::string> any = StringSet(cue["activities"]);
        bool recorded = std::any_of(any.begin(), any.end(), [&](const std::string& code) {
          return facts.activities.count(code) != 0;
        });
        if (!recorded) problem(id + ": the note's words name an activity not recorded");
        explained.insert(any.begin(), any.end());
      }
      for (const std::string& modality :
           StringSet(cue.value("modalities", nlohmann::json::array()))) {
        if (facts.modalities.count(modality) == 0) {
          problem(id + ": the note's words name " + modality + " support not recorded");
        }
      }
    }
    for (const std::string& activity : facts.activities) {
      if (IsActivity(activity, "clinical-only") && explained.count(activity) == 0) {
        problem("role drift " + activity + " recorded but not in the note");
      }
    }
    return problems;
  }

  // Problems of a part that every kind of contact may use: it must name no
  // setting, minutes, activity or support at all.
  std::vector<std::string> CuesIn(const std::string& part) const {
    std::vector<std::string> heard;
    for (const nlohmann::json& cue : data_["cues"]) {
      for (const nlohmann::json& word : cue["words"]) {
        if (Lower(part).find(Lower(word.get<std::string>())) != std::string::npos) {
          heard.push_back(cue["id"].get<std::string>() + " in \"" + part + "\"");
        }
      }
    }
    return heard;
  }

 private:
  nlohmann::json data_, catalog_;
  std::map<std::string, std::string> scope_;
};

ContactFacts FactsOf(const domain::ContactVersion& version, const std::string& person_name) {
  ContactFacts facts;
  facts.setting = std::string(domain::Name(version.setting));
  facts.minutes = static_cast<int>((version.end - version.start) / 60);
  for (const std::string& name : domain::ModalityNames(version.modalities)) {
    facts.modalities.insert(name);
  }
  facts.activities.insert(version.activities.begin(), version.activities.end());
  facts.note = AsTemplate(version.note, person_name);
  return facts;
}

// Every part of every kind, in every combination with its places and
// middles, at both ends of its minutes: a new phrase whose words disagree
// with its kind's details fails here even before the generator draws it.
TEST(SynthContactDataTest, EveryPhraseAgreesWithItsKindsDetails) {
  Consistency rules;
  const nlohmann::json& data = rules.data();
  std::set<std::string> kinds_seen;
  for (const nlohmann::json& kind : data["kinds"]) {
    const std::string code = kind["code"].get<std::string>();
    EXPECT_TRUE(kinds_seen.insert(code).second) << "kind " << code << " twice";
    std::vector<std::string> places = {""};
    if (kind.contains("places")) places = kind["places"].get<std::vector<std::string>>();
    for (const nlohmann::json& opening : kind["openings"]) {
      for (const std::string& place : places) {
        for (const nlohmann::json& middle : kind["middles"]) {
          for (int minutes : {kind["minutes"][0].get<int>(), kind["minutes"][1].get<int>()}) {
            ContactFacts facts;
            facts.setting = kind["setting"].get<std::string>();
            facts.minutes = minutes;
            facts.modalities = StringSet(kind["modalities"]);
            facts.modalities.merge(StringSet(middle["modalities"]));
            facts.activities = StringSet(kind["activities"]);
            facts.activities.merge(StringSet(middle["activities"]));
            EXPECT_FALSE(facts.activities.empty()) << code << ": " << middle["text"];
            facts.note = ReplaceAll(opening.get<std::string>(), "{place}", place) + " " +
                         middle["text"].get<std::string>();
            for (const std::string& problem : rules.Problems(facts)) {
              ADD_FAILURE() << code << ": " << problem;
            }
          }
        }
      }
    }
  }
  for (const char* shared : {"doing", "next_steps"}) {
    for (const nlohmann::json& part : data[shared]) {
      for (const std::string& heard : rules.CuesIn(part.get<std::string>())) {
        ADD_FAILURE() << shared << " is used by every kind, so it names nothing: " << heard;
      }
    }
  }
  for (const auto& [code, sentence] : data["drift"].items()) {
    if (code == "description") continue;
    EXPECT_TRUE(rules.IsActivity(code, "clinical-only")) << code;
    // Any contact may carry the drift sentence: on one that names nothing,
    // the sentence alone must name its activity.
    ContactFacts facts{"office", 45, {"emotional"}, {"goal_review", code},
                       "Talked with {name}. " + sentence.get<std::string>()};
    for (const std::string& problem : rules.Problems(facts)) ADD_FAILURE() << problem;
  }
}

// A 200-person program read back from the database, shared by the tests
// below (generating it once keeps the suite quick).
class SynthProgramTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    SynthOptions options;
    options.people = 200;
    options.months = 12;
    options.seed = 11;
    options.end_on = *ParseDay("2026-10-31", "end");
    options_ = options;
    auto opened = store::OpenSqliteStore(dir_->File("story.db"), store::OpenMode::kCreate);
    ASSERT_TRUE(opened.ok());
    store_ = opened->release();
    ASSERT_TRUE(Generate(options, *store_).ok());
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }

  static std::vector<domain::Contact> AllContacts() {
    std::vector<domain::Contact> contacts;
    for (Id contact_id = 1;; ++contact_id) {
      Result<domain::Contact> contact = store_->GetContact(contact_id);
      if (!contact.ok()) break;
      contacts.push_back(*contact);
    }
    return contacts;
  }

  static std::string NameOf(Id person_id) { return store_->GetPerson(person_id)->preferred_name; }

  static TempDir* dir_;
  static store::Store* store_;
  static SynthOptions options_;
};

TempDir* SynthProgramTest::dir_ = nullptr;
store::Store* SynthProgramTest::store_ = nullptr;
SynthOptions SynthProgramTest::options_;

TEST_F(SynthProgramTest, EveryContactAgreesWithItsNote) {
  Consistency rules;
  std::vector<domain::Contact> contacts = AllContacts();
  ASSERT_GT(contacts.size(), 2000u);
  std::map<std::string, int> settings;
  int problems = 0;
  for (const domain::Contact& contact : contacts) {
    const std::string name = NameOf(contact.person_id);
    for (const domain::ContactVersion& version : contact.versions) {
      ++settings[std::string(domain::Name(version.setting))];
      for (const std::string& problem : rules.Problems(FactsOf(version, name))) {
        if (++problems <= 20) ADD_FAILURE() << "contact " << contact.id << ": " << problem;
      }
    }
  }
  EXPECT_EQ(problems, 0);
  // Every setting appears (hospital visits only while a person is admitted).
  for (const char* setting :
       {"community", "home", "office", "hospital", "phone", "video", "group"}) {
    EXPECT_GT(settings[setting], 0) << setting;
  }
}

TEST_F(SynthProgramTest, HospitalVisitsHappenDuringAStay) {
  for (const domain::Contact& contact : AllContacts()) {
    const domain::ContactVersion& version = contact.versions.front();
    if (version.setting != domain::ContactSetting::kHospital) continue;
    Day day = DayOf(version.start);
    std::vector<domain::Admission> stays = store_->ListAdmissions(contact.person_id).value();
    bool admitted = std::any_of(stays.begin(), stays.end(), [&](const domain::Admission& stay) {
      return stay.admitted_on <= day && (!stay.discharged_on || day < *stay.discharged_on);
    });
    EXPECT_TRUE(admitted) << "contact " << contact.id << " on " << FormatDay(day);
  }
}

TEST_F(SynthProgramTest, NotesVaryLikeRealNotes) {
  std::set<std::string> distinct;
  std::map<std::string, int> openings;
  size_t total = 0;
  for (const domain::Contact& contact : AllContacts()) {
    std::string note =
        AsTemplate(contact.versions.front().note, NameOf(contact.person_id));
    distinct.insert(note);
    ++openings[note.substr(0, note.find('.'))];
    ++total;
  }
  double share = static_cast<double>(distinct.size()) / static_cast<double>(total);
  EXPECT_GE(share, 0.8) << distinct.size() << " distinct notes of " << total;
  EXPECT_GE(openings.size(), 30u);
}

// A day in a note is written the way the pages write days.
TEST_F(SynthProgramTest, DaysInNotesAreWrittenAsThePagesWriteThem) {
  const std::regex readable(
      R"(\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([A-Z][a-z]{2}) (\d{1,2}), (\d{4})\b)");
  // ISO days, slashed days and month names written out are other forms.
  const std::regex other_forms(
      R"(\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|)"
      R"(\b(January|February|March|April|June|July|August|September|October|November|December)\b)");
  int days_seen = 0;
  for (const domain::Contact& contact : AllContacts()) {
    const domain::ContactVersion& version = contact.versions.front();
    EXPECT_FALSE(std::regex_search(version.note, other_forms)) << version.note;
    for (auto match = std::sregex_iterator(version.note.begin(), version.note.end(), readable);
         match != std::sregex_iterator(); ++match) {
      ++days_seen;
      // Find the day it names in the fortnight after the contact.
      bool matches_a_page_day = false;
      for (Day day = DayOf(version.start); day <= DayOf(version.start) + 14; ++day) {
        if (server::pages::FormatReadableDay(day) == match->str()) {
          matches_a_page_day = day > DayOf(version.start);
          EXPECT_NE(((day % 7) + 7) % 7, 2) << "a Saturday: " << version.note;
          EXPECT_NE(((day % 7) + 7) % 7, 3) << "a Sunday: " << version.note;
        }
      }
      EXPECT_TRUE(matches_a_page_day) << match->str() << " in " << version.note;
    }
  }
  EXPECT_GT(days_seen, 100);
}

TEST_F(SynthProgramTest, NoPersonHasTheSameGoalTwice) {
  int people_with_several = 0;
  for (Id person_id = 1; person_id <= options_.people; ++person_id) {
    std::vector<domain::Goal> goals = store_->ListGoals(person_id).value();
    std::set<std::string> words;
    for (const domain::Goal& goal : goals) {
      EXPECT_TRUE(words.insert(goal.versions.front().words).second)
          << "person " << person_id << ": " << goal.versions.front().words;
    }
    if (goals.size() > 1) ++people_with_several;
  }
  EXPECT_GT(people_with_several, 50);
}

TEST_F(SynthProgramTest, GovernanceHasDeclarationsMetricsAndConcerns) {
  const std::vector<domain::GovernanceDeclaration> declared =
      store_->LatestGovernanceDeclarations().value();
  EXPECT_EQ(declared.size(), 5u);
  EXPECT_TRUE(std::any_of(declared.begin(), declared.end(),
                          [](const domain::GovernanceDeclaration& item) { return !item.met; }))
      << "parity pay is left unmet, for the audit page to explain";
  const std::vector<store::MetricRow> metrics = store_->ListMetrics(std::nullopt).value();
  ASSERT_EQ(metrics.size(), 6u);
  int by_people = 0, adopted = 0;
  for (const store::MetricRow& row : metrics) {
    by_people += row.metric.proposed_by_person_id ? 1 : 0;
    adopted += row.metric.adopted_at ? 1 : 0;
  }
  EXPECT_EQ(by_people, 3);
  EXPECT_EQ(adopted, 5);
  EXPECT_EQ(store_->ListGrievances(store::GrievanceQuery{}).value().size(), 2u);
}

TEST_F(SynthProgramTest, PlansAndSafetyEventsGiveTheQueueWork) {
  int safety_plans = 0, wellness_plans = 0;
  for (Id person_id = 1; person_id <= options_.people; ++person_id) {
    const std::vector<domain::PersonPlan> plans = store_->ListPersonPlans(person_id).value();
    for (const domain::PersonPlan& plan : plans) {
      (plan.kind == domain::PlanKind::kSafety ? safety_plans : wellness_plans) += 1;
    }
  }
  EXPECT_GT(safety_plans, options_.people / 5);
  EXPECT_GT(wellness_plans, options_.people / 8);
  store::SafetyQuery all;
  all.limit = 1000;
  const std::vector<domain::SafetyEvent> events = store_->ListSafetyEvents(all).value();
  ASSERT_GT(events.size(), 5u);
  int open = 0, late = 0, unreviewed = 0;
  for (const domain::SafetyEvent& event : events) {
    if (!domain::SafetyStateOf(event).closed) ++open;
    if (event.reviews.empty()) {
      ++unreviewed;
    } else if (event.reviews.front().at > event.opened_at + 24 * 3600) {
      ++late;
    }
    // Every stored event follows the protocol: replayed, each step is accepted.
    domain::SafetyEvent replayed = event;
    replayed.steps.clear();
    for (const domain::SafetyStep& step : event.steps) {
      EXPECT_TRUE(domain::CheckSafetyStep(replayed, step, step.recorded_at).ok());
      replayed.steps.push_back(step);
    }
  }
  EXPECT_GT(open, 0);
  EXPECT_GT(late, 0);
  EXPECT_GT(unreviewed, 0);
}

// ---------------------------------------------------------------------------
// One spelling convention: US English in every text a person reads that
// this area owns (synthetic data; labels and activities of the rules data).

TEST(SynthSpellingTest, TextIsWrittenInUsEnglish) {
  // British form -> US form; whole words, any case.
  const std::vector<std::pair<std::string, std::string>> kBritish = {
      {"programme", "program"},
      {"neighbour", "neighbor"},
      {"neighbourhood", "neighborhood"},
      {"organise", "organize"},
      {"organised", "organized"},
      {"organisation", "organization"},
      {"organisers", "organizers"},
      {"centre", "center"},
      {"colour", "color"},
      {"finalise", "finalize"},
      {"finalised", "finalized"},
      {"licence", "license"},
      {"behaviour", "behavior"},
      {"humour", "humor"},
      {"favourite", "favorite"},
      {"honour", "honor"},
      {"recognise", "recognize"},
      {"apologise", "apologize"},
      {"realise", "realize"},
      {"practise", "practice"},
      {"practised", "practiced"},
      {"judgement", "judgment"},
      {"enrol", "enroll"},
      {"fortnight", "two weeks"},
      {"mum", "mom"},
      {"whilst", "while"},
      {"stabilisation", "stabilization"},
      {"synthesised", "synthesized"},
      {"catalogue", "catalog"},
      {"travelling", "traveling"},
      {"cancelled", "canceled"},
      {"in hospital", "in the hospital"},
      {"filled in", "filled out"},
      {"afterwards", "afterward"},
      {"towards", "toward"}};
  std::vector<std::string> texts;
  std::function<void(const nlohmann::json&, bool)> collect = [&](const nlohmann::json& node,
                                                                 bool is_value) {
    if (node.is_string() && is_value) texts.push_back(node.get<std::string>());
    if (node.is_array()) {
      for (const nlohmann::json& item : node) collect(item, true);
    }
    if (node.is_object()) {
      for (const auto& [key, item] : node.items()) {
        // Codes (keys, "code", "setting", activity codes) are not read by people.
        if (key == "code" || key == "setting" || key == "activities" || key == "modalities" ||
            key == "settings" || key == "scope" || key == "id") {
          continue;
        }
        collect(item, true);
      }
    }
  };
  for (const char* file : {"src/synth/data/phrases.json", "src/synth/data/contacts.json",
                           "src/rules/data/labels.json", "src/rules/data/activities.json"}) {
    collect(ReadJson(file), false);
  }
  ASSERT_GT(texts.size(), 200u);
  for (const std::string& text : texts) {
    const std::string lower = Lower(text);
    for (const auto& [british, us] : kBritish) {
      const std::regex word("\\b" + british + "\\b");
      EXPECT_FALSE(std::regex_search(lower, word))
          << "\"" << british << "\" (US: \"" << us << "\") in: " << text;
    }
  }
}

// ---------------------------------------------------------------------------
// The accounts the demo prints form a story: a peer worker, a person on that
// worker's caseload and that worker's senior peer supervisor.

struct PrintedSignIn {
  std::string role, username, password;
};

std::vector<PrintedSignIn> StoryPrinted(const std::string& out) {
  std::vector<PrintedSignIn> story;
  size_t at = out.find("to walk the story end to end");
  if (at == std::string::npos) return story;
  std::istringstream lines(out.substr(at));
  std::string line;
  std::getline(lines, line);
  while (story.size() < 3 && std::getline(lines, line)) {
    std::istringstream words(line);
    PrintedSignIn sign_in;
    std::string username_word, password_word;
    words >> sign_in.role >> username_word >> sign_in.username >> password_word >> sign_in.password;
    if (username_word != "username" || password_word != "password") break;
    story.push_back(sign_in);
  }
  return story;
}

TEST(SynthAccountsTest, PrintedAccountsFormACaseloadAndSupervisorChain) {
  TempDir dir;
  const std::string db = dir.File("demo.db");
  testing::CommandResult synth = testing::RunAlongside(
      {"synth", "--db", db, "--people", "120", "--end", "2026-06-30", "--accounts", "30"});
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  std::vector<PrintedSignIn> story = StoryPrinted(synth.out);
  ASSERT_EQ(story.size(), 3u) << synth.out;
  EXPECT_TRUE(story[0].role == "peer_specialist" || story[0].role == "peer_bridger" ||
              story[0].role == "recovery_coach")
      << story[0].role;
  EXPECT_EQ(story[1].role, "person_served");
  EXPECT_EQ(story[2].role, "senior_peer_supervisor");

  // The demo shows the first account of each role in the file: these three.
  std::ifstream csv(db + ".accounts.csv");
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "username,password,role,display_name");
  for (const PrintedSignIn& printed : story) {
    std::getline(csv, line);
    EXPECT_EQ(line.substr(0, line.find(',', line.find(',') + 1)),
              printed.username + "," + printed.password);
  }

  // The relationships, read from the database.
  auto opened = store::OpenSqliteStore(db, store::OpenMode::kOpenExisting);
  ASSERT_TRUE(opened.ok());
  store::Store& store = **opened;
  store::Account worker = store.FindAccount(story[0].username).value();
  store::Account person = store.FindAccount(story[1].username).value();
  store::Account supervisor = store.FindAccount(story[2].username).value();
  ASSERT_TRUE(worker.staff_id && person.person_id && supervisor.staff_id);
  domain::Staff worker_staff = store.GetStaff(*worker.staff_id).value();
  EXPECT_TRUE(domain::IsPeerWorkerRole(worker_staff.role));
  EXPECT_EQ(worker_staff.peer_supervisor_id, supervisor.staff_id);
  EXPECT_EQ(store.GetStaff(*supervisor.staff_id)->role, domain::Role::kSeniorPeerSupervisor);
  std::vector<domain::Id> supervisees = store.SuperviseesOf(*supervisor.staff_id).value();
  EXPECT_NE(std::find(supervisees.begin(), supervisees.end(), *worker.staff_id), supervisees.end());
  std::vector<domain::Id> workers =
      store.ActiveWorkersOf(*person.person_id, *ParseDay("2026-06-30", "end")).value();
  EXPECT_NE(std::find(workers.begin(), workers.end(), *worker.staff_id), workers.end())
      << story[1].username << " is not on " << story[0].username << "'s caseload";

  // Same flags and seed, same story (passwords are new each time).
  testing::CommandResult again =
      testing::RunAlongside({"synth", "--db", dir.File("again.db"), "--people", "120", "--end",
                             "2026-06-30", "--accounts", "30"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  std::vector<PrintedSignIn> story_again = StoryPrinted(again.out);
  ASSERT_EQ(story_again.size(), 3u);
  for (size_t idx = 0; idx < 3; ++idx) EXPECT_EQ(story_again[idx].username, story[idx].username);
}

TEST(SynthAccountsTest, NoStoryWithoutPeopleSignIns) {
  TempDir dir;
  testing::CommandResult synth =
      testing::RunAlongside({"synth", "--db", dir.File("p.db"), "--people", "20", "--end",
                             "2026-06-30", "--accounts", "0"});
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  EXPECT_EQ(synth.out.find("to walk the story"), std::string::npos) << synth.out;
}

}  // namespace
}  // namespace alongside::synth
