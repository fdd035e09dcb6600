// The boundary policy: guidance for a peer worker when a person they support
// offers a gift, invites them to something, asks for personal contact or a
// social media connection, or when a second relationship or money comes into
// the working relationship. The guidance supports the worker's judgment and
// is recorded with their decision; it never replaces the conversation with
// the senior peer supervisor (docs/boundaries.md).
//
// The program's side is data (src/rules/data/boundaries.json: the gift value
// limit, which invitations may be accepted, the official channels to offer
// instead, the suggested words), loaded through the data-file loader
// rules::DataFile and validated when loaded. The rules that turn an event's
// facts into guidance are written once, in GuideBoundaryEvent. A
// BoundaryPolicy is immutable after loading and safe to share across threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace alongside::domain {

// What happened, with stable names (Name / ParseBoundaryEventKind):
// gift, invitation, personal_contact (a personal phone number, texting after
// hours, meeting outside the program), social_media (a friend or follow
// request), dual_relationship (a second relationship alongside this one:
// working together, renting, family or business ties, dating),
// financial_request (to lend, give or borrow money or things of value).
enum class BoundaryEventKind {
  kGift,
  kInvitation,
  kPersonalContact,
  kSocialMedia,
  kDualRelationship,
  kFinancialRequest,
};

// The answer the guidance suggests, with stable names (Name /
// ParseBoundaryDecision): accept_and_document (accept, note it, talk about
// what it means), attend (go, note it), decline_and_offer_alternative
// (decline kindly and offer what the program can give instead),
// consult_supervisor (answer only after talking with the supervisor).
enum class BoundaryDecision {
  kAcceptAndDocument,
  kAttend,
  kDeclineAndOfferAlternative,
  kConsultSupervisor,
};

std::string_view Name(BoundaryEventKind kind);
std::string_view Name(BoundaryDecision decision);
// InvalidArgument naming `field` and listing the names for any other text.
Result<BoundaryEventKind> ParseBoundaryEventKind(std::string_view text, std::string_view field);
Result<BoundaryDecision> ParseBoundaryDecision(std::string_view text, std::string_view field);

// Every rule id the guidance may give, in the order docs/boundaries.md
// lists them. Each has a suggestion in the policy file. Stable: records
// store them.
inline constexpr std::array<std::string_view, 11> kBoundaryRuleIds = {
    "gift.within_limit",
    "gift.over_limit",
    "invitation.public_community",
    "invitation.public_other",
    "invitation.private",
    "contact.personal",
    "social_media.request",
    "dual_relationship.consult",
    "financial.consult",
    "request.repeated",
    "crisis.consult",
};

// The facts of one boundary event, as the worker records them. Fields for
// another kind are ignored.
struct BoundaryEvent {
  BoundaryEventKind kind = BoundaryEventKind::kGift;
  // Gifts: the estimated value in whole cents of the program's currency
  // ($25.00 is 2500), so that "at the limit" is exact; 0 for something with
  // no money value (a card, a drawing).
  int64_t gift_value_cents = 0;
  // Invitations: open to the public (an art show, a graduation in a hall)
  // rather than private (a party at home); and whether going supports the
  // person's place in their community (their show, their group's event).
  bool invitation_public = false;
  bool invitation_supports_community_integration = false;
  // The person has asked or offered this before, after an earlier answer.
  bool repeated = false;
  // It came while the person was in crisis or disclosed risk.
  bool during_crisis = false;
};

// A way to stay in touch that the program offers instead of personal contact.
struct OfficialChannel {
  std::string code;       // lower-case letters, digits and '_'; unique
  std::string label;      // "988, the 24-hour crisis line (call or text)"
  std::string available;  // "Any time, day or night"

  bool operator==(const OfficialChannel&) const = default;
};

// One reason for the guidance: a rule id from kBoundaryRuleIds and the
// policy's suggested words for it (what to say, what to offer instead).
struct BoundaryReason {
  std::string rule;
  std::string suggestion;

  bool operator==(const BoundaryReason&) const = default;
};

struct BoundaryGuidance {
  BoundaryDecision decision = BoundaryDecision::kConsultSupervisor;
  // crisis.consult first when it applies, then the rule for the event's
  // kind, then request.repeated when it applies. Never empty.
  std::vector<BoundaryReason> reasons;
  // The official channels to offer, in the policy's order: for personal
  // contact, social media and during a crisis; empty otherwise.
  std::vector<OfficialChannel> channels;
  // The worker talks this through with the senior peer supervisor (before
  // answering when the decision is consult_supervisor; soon after otherwise,
  // as with a repeated request whose answer stays the same).
  bool supervisor_consultation_required = false;
  // During a crisis: the safety steps come before the boundary question.
  bool safety_first = false;
};

class BoundaryPolicy {
 public:
  // Parses the JSON policy read from `file_name`; InvalidArgument with
  // field() "<file_name>:<line>:<column>" and detail() naming the value at
  // fault ("gifts.value_limit_cents must be a whole number from 0 to 100000
  // (got -1)"). The schema is closed (docs/boundaries.md): unknown keys and
  // missing fields are errors; every rule id has a suggestion; at least one
  // official channel, codes unique.
  static Result<BoundaryPolicy> FromJson(std::string_view json_text,
                                         std::string file_name = "boundaries.json");
  // The policy in force: the one installed by InstallCurrent (a program's
  // own), else the one compiled into the binary
  // (src/rules/data/boundaries.json). Aborts on first use when the built-in
  // file is missing from the binary or invalid: a build defect.
  static const BoundaryPolicy& Default();
  // Makes `policy` the one Default() returns; it must outlive every later
  // call. Thread-safe.
  static void InstallCurrent(const BoundaryPolicy* policy);

  // Gifts worth at most this many cents may be accepted (0 to 100000).
  int64_t gift_value_limit_cents() const { return gift_value_limit_cents_; }
  // The answer for a gift over the limit: decline_and_offer_alternative or
  // consult_supervisor.
  BoundaryDecision gift_over_limit() const { return gift_over_limit_; }
  // The answer for a public invitation that supports community integration,
  // for another public one (attend, decline_and_offer_alternative or
  // consult_supervisor), and for a private one (never attend without the
  // supervisor: decline_and_offer_alternative or consult_supervisor).
  BoundaryDecision invitation_public_community() const { return invitation_public_community_; }
  BoundaryDecision invitation_public_other() const { return invitation_public_other_; }
  BoundaryDecision invitation_private() const { return invitation_private_; }
  const std::vector<OfficialChannel>& official_channels() const { return official_channels_; }
  // The suggested words for a rule id of kBoundaryRuleIds; empty for any
  // other id.
  const std::string& Suggestion(std::string_view rule) const;

 private:
  int64_t gift_value_limit_cents_ = 0;
  BoundaryDecision gift_over_limit_ = BoundaryDecision::kDeclineAndOfferAlternative;
  BoundaryDecision invitation_public_community_ = BoundaryDecision::kAttend;
  BoundaryDecision invitation_public_other_ = BoundaryDecision::kConsultSupervisor;
  BoundaryDecision invitation_private_ = BoundaryDecision::kDeclineAndOfferAlternative;
  std::vector<OfficialChannel> official_channels_;
  std::unordered_map<std::string, std::string> suggestions_;
};

// The guidance for `event` under `policy`, the one place the boundary rules
// live (docs/boundaries.md has them as a table):
//   gift at or under the limit -> accept_and_document (gift.within_limit);
//   over it -> the policy's gifts.over_limit (gift.over_limit);
//   invitation: public and supporting community integration, public other,
//   private -> the policy's answer for each (invitation.public_community,
//   invitation.public_other, invitation.private);
//   personal contact, social media -> decline_and_offer_alternative with the
//   official channels (contact.personal, social_media.request);
//   dual relationship, financial request -> consult_supervisor
//   (dual_relationship.consult, financial.consult);
//   repeated -> the same answer, and a supervisor consultation
//   (request.repeated);
//   during a crisis -> consult_supervisor, safety first, the official
//   channels offered (crisis.consult), whatever the kind.
// InvalidArgument("gift_value_cents") for a gift of negative value and
// InvalidArgument("kind") for a kind outside the enum. Pure.
Result<BoundaryGuidance> GuideBoundaryEvent(const BoundaryEvent& event,
                                            const BoundaryPolicy& policy);

}  // namespace alongside::domain
