// The boundary policy: the guidance for each kind of boundary event under the
// shipped policy (src/rules/data/boundaries.json, read from the source tree)
// and under a small policy written here, and malformed policy files refused
// with file:line:column. Cases carry stable ids ("B01-art-show-public-invitation",
// "M03-negative-limit") so a report can cite them.
#include "domain/boundary_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

using Decision = BoundaryDecision;
using Kind = BoundaryEventKind;

const char kShippedPath[] = ALONGSIDE_SOURCE_DIR "/src/rules/data/boundaries.json";

std::string ShippedText() {
  std::ifstream in(kShippedPath);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const BoundaryPolicy& Shipped() {
  static const BoundaryPolicy* const policy = [] {
    Result<BoundaryPolicy> loaded = BoundaryPolicy::FromJson(ShippedText());
    EXPECT_TRUE(loaded.ok()) << kShippedPath << ": " << loaded.status().ToString();
    return loaded.ok() ? new BoundaryPolicy(std::move(loaded).value()) : nullptr;
  }();
  return *policy;
}

// A policy unlike the shipped one in every value the rules read, one
// suggestion a line so that the malformed cases below can name positions.
const char kOwnPolicy[] =
    "{\n"
    "  \"gifts\": {\"value_limit_cents\": 1000, \"over_limit\": \"consult_supervisor\"},\n"
    "  \"invitations\": {\"public_supporting_community_integration\": \"attend\",\n"
    "                  \"public_other\": \"attend\", \"private\": \"consult_supervisor\"},\n"
    "  \"official_channels\": [\n"
    "    {\"code\": \"program_line\", \"label\": \"Program line\", \"available\": \"Weekdays\"}\n"
    "  ],\n"
    "  \"suggestions\": {\n"
    "    \"gift.within_limit\": \"w1\",\n"
    "    \"gift.over_limit\": \"w2\",\n"
    "    \"invitation.public_community\": \"w3\",\n"
    "    \"invitation.public_other\": \"w4\",\n"
    "    \"invitation.private\": \"w5\",\n"
    "    \"contact.personal\": \"w6\",\n"
    "    \"social_media.request\": \"w7\",\n"
    "    \"dual_relationship.consult\": \"w8\",\n"
    "    \"financial.consult\": \"w9\",\n"
    "    \"request.repeated\": \"w10\",\n"
    "    \"crisis.consult\": \"w11\"\n"
    "  }\n"
    "}\n";

const BoundaryPolicy& Own() {
  static const BoundaryPolicy* const policy = [] {
    Result<BoundaryPolicy> loaded = BoundaryPolicy::FromJson(kOwnPolicy);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? new BoundaryPolicy(std::move(loaded).value()) : nullptr;
  }();
  return *policy;
}

BoundaryEvent Gift(int64_t cents) {
  BoundaryEvent event;
  event.kind = Kind::kGift;
  event.gift_value_cents = cents;
  return event;
}

BoundaryEvent Invitation(bool is_public, bool supports_community_integration) {
  BoundaryEvent event;
  event.kind = Kind::kInvitation;
  event.invitation_public = is_public;
  event.invitation_supports_community_integration = supports_community_integration;
  return event;
}

BoundaryEvent Event(Kind kind) {
  BoundaryEvent event;
  event.kind = kind;
  return event;
}

BoundaryEvent Repeated(BoundaryEvent event) {
  event.repeated = true;
  return event;
}

BoundaryEvent InCrisis(BoundaryEvent event) {
  event.during_crisis = true;
  return event;
}

enum class Policy { kShipped, kOwn };

// What comes with the decision besides the reasons: a supervisor
// consultation, the policy's official channels, safety first.
enum Extras : unsigned { kNone = 0, kConsult = 1, kChannels = 2, kSafetyFirst = 4 };

struct GuidanceCase {
  const char* id;
  Policy policy;
  BoundaryEvent event;
  std::string decision;  // its stable code
  std::vector<std::string> rules;
  unsigned extras;
};

void PrintTo(const GuidanceCase& test_case, std::ostream* out) { *out << test_case.id; }

template <typename Case>
std::string CaseName(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.id;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// The shipped limit is $25.00: 2500 cents. The own policy's is 1000.
const std::vector<GuidanceCase>& GuidanceCases() {
  const auto kShipped = Policy::kShipped;
  const auto kOwn = Policy::kOwn;
  // One case a line, so the table reads as one.
  // clang-format off
  static const std::vector<GuidanceCase> cases = {
      // The four moments of the scenario (Dana and Alex).
      {"B01-art-show-public-invitation", kShipped, Invitation(true, true), "attend", {"invitation.public_community"}, kNone},
      {"B02-handmade-bracelet-gift", kShipped, Gift(800), "accept_and_document", {"gift.within_limit"}, kNone},
      {"B03-after-hours-texting", kShipped, Event(Kind::kPersonalContact), "decline_and_offer_alternative", {"contact.personal"}, kChannels},
      {"B04-social-media-friend-request", kShipped, Event(Kind::kSocialMedia), "decline_and_offer_alternative", {"social_media.request"}, kChannels},
      // Gifts at the edges of the limit.
      {"B05-gift-exactly-at-limit", kShipped, Gift(2500), "accept_and_document", {"gift.within_limit"}, kNone},
      {"B06-gift-one-cent-over-limit", kShipped, Gift(2501), "decline_and_offer_alternative", {"gift.over_limit"}, kNone},
      {"B07-gift-with-no-money-value", kShipped, Gift(0), "accept_and_document", {"gift.within_limit"}, kNone},
      // Invitations.
      {"B08-private-party", kShipped, Invitation(false, false), "decline_and_offer_alternative", {"invitation.private"}, kNone},
      {"B09-private-party-said-to-help-community-ties", kShipped, Invitation(false, true), "decline_and_offer_alternative", {"invitation.private"}, kNone},
      {"B10-public-event-not-about-community", kShipped, Invitation(true, false), "consult_supervisor", {"invitation.public_other"}, kConsult},
      // Asked again: the same answer, and the supervisor hears of it.
      {"B11-repeated-after-hours-texting", kShipped, Repeated(Event(Kind::kPersonalContact)), "decline_and_offer_alternative", {"contact.personal", "request.repeated"}, kConsult | kChannels},
      {"B12-repeated-small-gift", kShipped, Repeated(Gift(500)), "accept_and_document", {"gift.within_limit", "request.repeated"}, kConsult},
      // During a crisis: safety first, whatever was asked.
      {"B13-texting-request-during-crisis", kShipped, InCrisis(Event(Kind::kPersonalContact)), "consult_supervisor", {"crisis.consult", "contact.personal"}, kConsult | kChannels | kSafetyFirst},
      {"B14-small-gift-during-crisis", kShipped, InCrisis(Gift(500)), "consult_supervisor", {"crisis.consult", "gift.within_limit"}, kConsult | kChannels | kSafetyFirst},
      {"B15-repeated-friend-request-during-crisis", kShipped, InCrisis(Repeated(Event(Kind::kSocialMedia))), "consult_supervisor", {"crisis.consult", "social_media.request", "request.repeated"}, kConsult | kChannels | kSafetyFirst},
      // Always the supervisor first.
      {"B16-dual-relationship", kShipped, Event(Kind::kDualRelationship), "consult_supervisor", {"dual_relationship.consult"}, kConsult},
      {"B17-financial-request", kShipped, Event(Kind::kFinancialRequest), "consult_supervisor", {"financial.consult"}, kConsult},
      // The program's own file changes the answers, not the code.
      {"P01-own-lower-limit-over", kOwn, Gift(1001), "consult_supervisor", {"gift.over_limit"}, kConsult},
      {"P02-own-lower-limit-at", kOwn, Gift(1000), "accept_and_document", {"gift.within_limit"}, kNone},
      {"P03-own-attends-other-public-events", kOwn, Invitation(true, false), "attend", {"invitation.public_other"}, kNone},
      {"P04-own-private-invitation-consults", kOwn, Invitation(false, false), "consult_supervisor", {"invitation.private"}, kConsult},
      {"P05-own-channels-offered", kOwn, Event(Kind::kPersonalContact), "decline_and_offer_alternative", {"contact.personal"}, kChannels},
  };
  // clang-format on
  return cases;
}

class BoundaryGuidanceTest : public testing::TestWithParam<GuidanceCase> {};

TEST_P(BoundaryGuidanceTest, GivesThisGuidance) {
  const GuidanceCase& test_case = GetParam();
  const BoundaryPolicy& policy = test_case.policy == Policy::kShipped ? Shipped() : Own();
  Result<BoundaryGuidance> guidance = GuideBoundaryEvent(test_case.event, policy);
  ASSERT_TRUE(guidance.ok()) << guidance.status().ToString();
  EXPECT_EQ(Name(guidance->decision), test_case.decision);
  std::vector<std::string> rules;
  for (const BoundaryReason& reason : guidance->reasons) {
    rules.push_back(reason.rule);
    // The words are the policy file's, for that rule.
    EXPECT_FALSE(reason.suggestion.empty()) << reason.rule;
    EXPECT_EQ(reason.suggestion, policy.Suggestion(reason.rule)) << reason.rule;
  }
  EXPECT_EQ(rules, test_case.rules);
  EXPECT_EQ(guidance->supervisor_consultation_required, (test_case.extras & kConsult) != 0);
  if (test_case.extras & kChannels) {
    EXPECT_EQ(guidance->channels, policy.official_channels());
  } else {
    EXPECT_TRUE(guidance->channels.empty());
  }
  EXPECT_EQ(guidance->safety_first, (test_case.extras & kSafetyFirst) != 0);
}

INSTANTIATE_TEST_SUITE_P(Cases, BoundaryGuidanceTest, testing::ValuesIn(GuidanceCases()),
                         CaseName<GuidanceCase>);

TEST(BoundaryPolicyTest, EveryRuleIdIsExercisedByTheTable) {
  std::set<std::string> seen;
  for (const GuidanceCase& test_case : GuidanceCases()) {
    seen.insert(test_case.rules.begin(), test_case.rules.end());
  }
  for (std::string_view rule : kBoundaryRuleIds) {
    EXPECT_TRUE(seen.count(std::string(rule))) << rule;
  }
  EXPECT_EQ(seen.size(), kBoundaryRuleIds.size());
}

TEST(BoundaryPolicyTest, ShippedPolicyOffersTheCrisisLineAndWordsForEveryRule) {
  const BoundaryPolicy& policy = Shipped();
  EXPECT_EQ(policy.gift_value_limit_cents(), 2500);
  std::vector<std::string> codes;
  for (const OfficialChannel& channel : policy.official_channels()) codes.push_back(channel.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"program_line", "crisis_line_988", "warm_line"}));
  EXPECT_NE(policy.official_channels()[1].label.find("988"), std::string::npos);
  for (std::string_view rule : kBoundaryRuleIds) {
    EXPECT_FALSE(policy.Suggestion(rule).empty()) << rule;
  }
  EXPECT_TRUE(policy.Suggestion("gift.tiny").empty());
  // The after-hours answer carries the scenario's alternative.
  EXPECT_NE(
      policy.Suggestion("contact.personal").find("practise a call to the 24-hour crisis line"),
      std::string::npos);
}

TEST(BoundaryPolicyTest, DefaultIsTheShippedFileCompiledIn) {
  ASSERT_TRUE(rules::BuiltinDataFile("boundaries.json").has_value());
  EXPECT_EQ(std::string(*rules::BuiltinDataFile("boundaries.json")), ShippedText());
  const BoundaryPolicy& policy = BoundaryPolicy::Default();
  EXPECT_EQ(policy.gift_value_limit_cents(), Shipped().gift_value_limit_cents());
  EXPECT_EQ(policy.official_channels(), Shipped().official_channels());
  BoundaryPolicy::InstallCurrent(&Own());
  EXPECT_EQ(&BoundaryPolicy::Default(), &Own());
  BoundaryPolicy::InstallCurrent(nullptr);
  EXPECT_EQ(BoundaryPolicy::Default().gift_value_limit_cents(), 2500);
}

TEST(BoundaryPolicyTest, RefusesImpossibleFacts) {
  Result<BoundaryGuidance> negative = GuideBoundaryEvent(Gift(-1), Shipped());
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().field(), "gift_value_cents");
  EXPECT_EQ(negative.status().detail(), "must be 0 or more (got -1)");
  // A gift's value is read only for gifts.
  BoundaryEvent invitation = Invitation(true, true);
  invitation.gift_value_cents = -1;
  EXPECT_TRUE(GuideBoundaryEvent(invitation, Shipped()).ok());
  BoundaryEvent unknown;
  unknown.kind = static_cast<Kind>(42);
  EXPECT_EQ(GuideBoundaryEvent(unknown, Shipped()).status().field(), "kind");
}

TEST(BoundaryPolicyTest, NamesRoundTripAndUnknownNamesListTheChoices) {
  for (Kind kind : {Kind::kGift, Kind::kInvitation, Kind::kPersonalContact, Kind::kSocialMedia,
                    Kind::kDualRelationship, Kind::kFinancialRequest}) {
    Result<Kind> parsed = ParseBoundaryEventKind(Name(kind), "kind");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(Name(Kind::kPersonalContact), "personal_contact");
  Result<Kind> bad_kind = ParseBoundaryEventKind("hug", "kind");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.status().field(), "kind");
  EXPECT_NE(bad_kind.status().detail().find("financial_request"), std::string::npos);
  for (Decision decision : {Decision::kAcceptAndDocument, Decision::kAttend,
                            Decision::kDeclineAndOfferAlternative, Decision::kConsultSupervisor}) {
    Result<Decision> parsed = ParseBoundaryDecision(Name(decision), "decision");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, decision);
  }
  EXPECT_EQ(Name(Decision::kDeclineAndOfferAlternative), "decline_and_offer_alternative");
  EXPECT_FALSE(ParseBoundaryDecision("maybe", "decision").ok());
}

struct MalformedCase {
  const char* id;
  std::string from;  // replaced in kOwnPolicy
  std::string to;
  std::string position;  // "line:column" of the value at fault
  std::string detail;    // the message must start with this
};

void PrintTo(const MalformedCase& test_case, std::ostream* out) { *out << test_case.id; }

class BoundaryPolicyMalformedTest : public testing::TestWithParam<MalformedCase> {};

TEST_P(BoundaryPolicyMalformedTest, IsRefusedNamingFileLineAndColumn) {
  const MalformedCase& test_case = GetParam();
  std::string text = kOwnPolicy;
  size_t found = text.find(test_case.from);
  ASSERT_NE(found, std::string::npos) << test_case.from;
  text.replace(found, test_case.from.size(), test_case.to);
  Result<BoundaryPolicy> policy = BoundaryPolicy::FromJson(text);
  ASSERT_FALSE(policy.ok()) << text;
  EXPECT_EQ(policy.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(policy.status().field(), "boundaries.json:" + test_case.position);
  EXPECT_EQ(policy.status().detail().substr(0, test_case.detail.size()), test_case.detail)
      << policy.status().detail();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BoundaryPolicyMalformedTest,
    testing::Values(
        MalformedCase{"M01-unknown-top-level-key", "{\n  \"gifts\"",
                      "{\n  \"gift_limit\": 5,\n  \"gifts\"", "2:17",
                      "gift_limit is not expected here (expected: version, description, gifts, "},
        MalformedCase{"M02-unknown-key-in-gifts", "\"over_limit\": \"consult_supervisor\"}",
                      "\"over_limit\": \"consult_supervisor\", \"currency\": \"USD\"}", "2:88",
                      "gifts.currency is not expected here (expected: value_limit_cents, "
                      "over_limit)"},
        MalformedCase{"M03-negative-limit", "1000", "-1", "2:34",
                      "gifts.value_limit_cents must be a whole number from 0 to 100000 (got -1)"},
        MalformedCase{"M04-limit-over-range", "1000", "100001", "2:34",
                      "gifts.value_limit_cents must be a whole number from 0 to 100000 "
                      "(got 100001)"},
        MalformedCase{"M05-limit-as-text", "1000", "\"10.00\"", "2:34",
                      "gifts.value_limit_cents must be a whole number from 0 to 100000 "
                      "(got \"10.00\")"},
        MalformedCase{"M06-limit-as-decimal", "1000", "10.5", "2:34",
                      "gifts.value_limit_cents must be a whole number from 0 to 100000 "
                      "(got 10.5)"},
        MalformedCase{"M07-missing-limit", "\"value_limit_cents\": 1000, ", "", "2:12",
                      "gifts.value_limit_cents is missing"},
        MalformedCase{"M08-missing-invitations",
                      "  \"invitations\": {\"public_supporting_community_integration\": "
                      "\"attend\",\n                  \"public_other\": \"attend\", \"private\": "
                      "\"consult_supervisor\"},\n",
                      "", "1:1", "invitations is missing"},
        MalformedCase{"M09-over-limit-accepted", "\"over_limit\": \"consult_supervisor\"",
                      "\"over_limit\": \"accept_and_document\"", "2:54",
                      "gifts.over_limit must be one of: decline_and_offer_alternative, "
                      "consult_supervisor (got \"accept_and_document\")"},
        MalformedCase{"M10-private-party-attended", "\"private\": \"consult_supervisor\"",
                      "\"private\": \"attend\"", "4:56",
                      "invitations.private must be one of: decline_and_offer_alternative, "
                      "consult_supervisor (got \"attend\")"},
        MalformedCase{"M11-no-channels",
                      "[\n    {\"code\": \"program_line\", \"label\": \"Program line\", "
                      "\"available\": \"Weekdays\"}\n  ]",
                      "[]", "5:24", "official_channels must list at least one channel"},
        MalformedCase{"M12-channel-code-repeated", "\"Weekdays\"}",
                      "\"Weekdays\"},\n    {\"code\": \"program_line\", \"label\": \"Again\", "
                      "\"available\": \"Weekends\"}",
                      "7:14", "official_channels[1].code repeats the code program_line"},
        MalformedCase{"M13-channel-code-not-snake-case", "\"program_line\"", "\"Program line\"",
                      "6:14", "official_channels[0].code must be lower-case letters, digits and _"},
        MalformedCase{"M14-channel-without-hours", ", \"available\": \"Weekdays\"", "", "6:5",
                      "official_channels[0].available is missing"},
        MalformedCase{"M15-missing-suggestion", ",\n    \"crisis.consult\": \"w11\"", "", "8:18",
                      "suggestions.crisis.consult is missing"},
        MalformedCase{"M16-suggestion-for-unknown-rule", "\"w11\"",
                      "\"w11\",\n    \"gift.tiny\": \"w12\"", "20:18",
                      "suggestions.gift.tiny is not expected here (expected: gift.within_limit, "},
        MalformedCase{"M17-empty-suggestion", "\"w6\"", "\"  \"", "14:25",
                      "suggestions.contact.personal must not be empty"},
        MalformedCase{"M18-invitations-not-an-object",
                      "{\"public_supporting_community_integration\": \"attend\",\n"
                      "                  \"public_other\": \"attend\", \"private\": "
                      "\"consult_supervisor\"}",
                      "\"attend\"", "3:18", "invitations must be a JSON object"},
        MalformedCase{"M19-trailing-comma", "\"w11\"\n", "\"w11\",\n", "20:3", "syntax error"},
        MalformedCase{"M20-unknown-version", "{\n", "{\n  \"version\": 2,\n", "2:14",
                      "version must be a whole number from 1 to 1 (got 2)"}),
    CaseName<MalformedCase>);

TEST(BoundaryPolicyTest, ErrorsNameTheProgramsOwnFile) {
  std::string text = kOwnPolicy;
  text.replace(text.find("1000"), 4, "-5");
  Result<BoundaryPolicy> policy = BoundaryPolicy::FromJson(text, "/srv/alongside/boundaries.json");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().ToString(),
            "invalid: /srv/alongside/boundaries.json:2:34: gifts.value_limit_cents must be a whole "
            "number from 0 to 100000 (got -5)");
}

}  // namespace
}  // namespace alongside::domain
