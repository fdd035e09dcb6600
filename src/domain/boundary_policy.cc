#include "domain/boundary_policy.h"

#include <atomic>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

constexpr std::array<std::string_view, 6> kKindNames = {
    "gift",         "invitation",        "personal_contact",
    "social_media", "dual_relationship", "financial_request"};
constexpr std::array<std::string_view, 4> kDecisionNames = {
    "accept_and_document", "attend", "decline_and_offer_alternative", "consult_supervisor"};

// A gift limit above $1,000 would not be a limit on small gifts.
constexpr int kMaxGiftValueLimitCents = 100000;

template <typename Enum, size_t N>
Result<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view text,
                       std::string_view field) {
  std::string allowed;
  for (size_t name_idx = 0; name_idx < N; ++name_idx) {
    if (names[name_idx] == text) return static_cast<Enum>(name_idx);
    if (name_idx > 0) allowed += ", ";
    allowed += names[name_idx];
  }
  return Status::InvalidArgument(std::string(field), "must be one of: " + allowed + " (got \"" +
                                                         std::string(text.substr(0, 64)) + "\")");
}

// The decision at `pointer`, which must be one of `allowed`.
Result<BoundaryDecision> ReadDecision(const rules::DataFile& file, const std::string& pointer,
                                      std::initializer_list<BoundaryDecision> allowed) {
  // Compared in place, as activity_catalog.cc does (GCC 12's false
  // -Wmaybe-uninitialized on a string moved out of a Result).
  const Result<std::string> text = file.String(pointer);
  if (!text.ok()) return text.status();
  std::string names;
  for (BoundaryDecision decision : allowed) {
    if (Name(decision) == text.value()) return decision;
    if (!names.empty()) names += ", ";
    names += Name(decision);
  }
  return file.Error(pointer,
                    "must be one of: " + names + " (got \"" + text.value().substr(0, 64) + "\")");
}

Result<std::vector<OfficialChannel>> ReadChannels(const rules::DataFile& file) {
  using rules::DataFile;
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array("/official_channels"));
  if (entries->empty()) {
    return file.Error("/official_channels", "must list at least one channel");
  }
  std::vector<OfficialChannel> channels;
  for (size_t channel_idx = 0; channel_idx < entries->size(); ++channel_idx) {
    std::string entry = DataFile::Child("/official_channels", channel_idx);
    ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(entry, {"code", "label", "available"}));
    OfficialChannel channel;
    ALONGSIDE_ASSIGN_OR_RETURN(channel.code, file.Code(entry + "/code"));
    for (const OfficialChannel& earlier : channels) {
      if (earlier.code == channel.code) {
        return file.Error(entry + "/code", "repeats the code " + channel.code);
      }
    }
    ALONGSIDE_ASSIGN_OR_RETURN(channel.label, file.String(entry + "/label"));
    ALONGSIDE_ASSIGN_OR_RETURN(channel.available, file.String(entry + "/available"));
    channels.push_back(std::move(channel));
  }
  return channels;
}

// The answer for the event's kind alone, before a crisis or a repeated
// request is taken into account.
struct KindAnswer {
  BoundaryDecision decision = BoundaryDecision::kConsultSupervisor;
  std::string_view rule;
  bool offers_channels = false;
};

// The kinds whose answer no value of the policy file changes.
struct FixedAnswer {
  BoundaryEventKind kind;
  KindAnswer answer;
};
constexpr std::array<FixedAnswer, 4> kFixedAnswers = {{
    {BoundaryEventKind::kPersonalContact,
     {BoundaryDecision::kDeclineAndOfferAlternative, "contact.personal", true}},
    {BoundaryEventKind::kSocialMedia,
     {BoundaryDecision::kDeclineAndOfferAlternative, "social_media.request", true}},
    {BoundaryEventKind::kDualRelationship,
     {BoundaryDecision::kConsultSupervisor, "dual_relationship.consult", false}},
    {BoundaryEventKind::kFinancialRequest,
     {BoundaryDecision::kConsultSupervisor, "financial.consult", false}},
}};

Result<KindAnswer> AnswerForKind(const BoundaryEvent& event, const BoundaryPolicy& policy) {
  using Decision = BoundaryDecision;
  if (event.kind == BoundaryEventKind::kGift) {
    if (event.gift_value_cents < 0) {
      return Status::InvalidArgument(
          "gift_value_cents",
          "must be 0 or more (got " + std::to_string(event.gift_value_cents) + ")");
    }
    if (event.gift_value_cents <= policy.gift_value_limit_cents()) {
      return KindAnswer{Decision::kAcceptAndDocument, "gift.within_limit"};
    }
    return KindAnswer{policy.gift_over_limit(), "gift.over_limit"};
  }
  if (event.kind == BoundaryEventKind::kInvitation) {
    // Private first: saying it would help community ties does not make a
    // private gathering a public one.
    if (!event.invitation_public) {
      return KindAnswer{policy.invitation_private(), "invitation.private"};
    }
    if (event.invitation_supports_community_integration) {
      return KindAnswer{policy.invitation_public_community(), "invitation.public_community"};
    }
    return KindAnswer{policy.invitation_public_other(), "invitation.public_other"};
  }
  for (const FixedAnswer& fixed : kFixedAnswers) {
    if (fixed.kind == event.kind) return fixed.answer;
  }
  return Status::InvalidArgument("kind", "is not a boundary event kind");
}

std::atomic<const BoundaryPolicy*> installed_policy{nullptr};

}  // namespace

std::string_view Name(BoundaryEventKind kind) { return kKindNames[static_cast<size_t>(kind)]; }
std::string_view Name(BoundaryDecision decision) {
  return kDecisionNames[static_cast<size_t>(decision)];
}

Result<BoundaryEventKind> ParseBoundaryEventKind(std::string_view text, std::string_view field) {
  return ParseName<BoundaryEventKind>(kKindNames, text, field);
}

Result<BoundaryDecision> ParseBoundaryDecision(std::string_view text, std::string_view field) {
  return ParseName<BoundaryDecision>(kDecisionNames, text, field);
}

Result<BoundaryPolicy> BoundaryPolicy::FromJson(std::string_view json_text, std::string file_name) {
  using rules::DataFile;
  using Decision = BoundaryDecision;
  ALONGSIDE_ASSIGN_OR_RETURN(DataFile file, DataFile::Parse(std::move(file_name), json_text));
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "", {"version", "description", "gifts", "invitations", "official_channels", "suggestions"}));
  if (file.Find("/version") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Integer("/version", 1, 1).status());
  }
  if (file.Find("/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/description").status());
  }

  BoundaryPolicy policy;
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys("/gifts", {"value_limit_cents", "over_limit"}));
  ALONGSIDE_ASSIGN_OR_RETURN(policy.gift_value_limit_cents_,
                             file.Integer("/gifts/value_limit_cents", 0, kMaxGiftValueLimitCents));
  ALONGSIDE_ASSIGN_OR_RETURN(
      policy.gift_over_limit_,
      ReadDecision(file, "/gifts/over_limit",
                   {Decision::kDeclineAndOfferAlternative, Decision::kConsultSupervisor}));

  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "/invitations", {"public_supporting_community_integration", "public_other", "private"}));
  ALONGSIDE_ASSIGN_OR_RETURN(
      policy.invitation_public_community_,
      ReadDecision(file, "/invitations/public_supporting_community_integration",
                   {Decision::kAttend, Decision::kDeclineAndOfferAlternative,
                    Decision::kConsultSupervisor}));
  ALONGSIDE_ASSIGN_OR_RETURN(policy.invitation_public_other_,
                             ReadDecision(file, "/invitations/public_other",
                                          {Decision::kAttend, Decision::kDeclineAndOfferAlternative,
                                           Decision::kConsultSupervisor}));
  // A private gathering turns the working relationship into a personal one:
  // the file may not make attending one a decision the worker takes alone.
  ALONGSIDE_ASSIGN_OR_RETURN(
      policy.invitation_private_,
      ReadDecision(file, "/invitations/private",
                   {Decision::kDeclineAndOfferAlternative, Decision::kConsultSupervisor}));

  ALONGSIDE_ASSIGN_OR_RETURN(policy.official_channels_, ReadChannels(file));

  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "/suggestions",
      std::vector<std::string_view>(kBoundaryRuleIds.begin(), kBoundaryRuleIds.end())));
  for (std::string_view rule : kBoundaryRuleIds) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::string text,
                               file.String(DataFile::Child("/suggestions", rule)));
    policy.suggestions_.emplace(std::string(rule), std::move(text));
  }
  return policy;
}

void BoundaryPolicy::InstallCurrent(const BoundaryPolicy* policy) {
  installed_policy.store(policy, std::memory_order_release);
}

const BoundaryPolicy& BoundaryPolicy::Default() {
  if (const BoundaryPolicy* installed = installed_policy.load(std::memory_order_acquire)) {
    return *installed;
  }
  static const BoundaryPolicy* const builtin = new BoundaryPolicy(
      rules::ParseBuiltinOrAbort("boundaries.json", "boundary policy", &FromJson));
  return *builtin;
}

const std::string& BoundaryPolicy::Suggestion(std::string_view rule) const {
  static const std::string* const kNone = new std::string();
  auto found = suggestions_.find(std::string(rule));
  return found == suggestions_.end() ? *kNone : found->second;
}

Result<BoundaryGuidance> GuideBoundaryEvent(const BoundaryEvent& event,
                                            const BoundaryPolicy& policy) {
  using Decision = BoundaryDecision;
  ALONGSIDE_ASSIGN_OR_RETURN(KindAnswer answer, AnswerForKind(event, policy));
  Decision decision = answer.decision;
  bool offers_channels = answer.offers_channels;

  BoundaryGuidance guidance;
  auto add_reason = [&](std::string_view id) {
    guidance.reasons.push_back({std::string(id), policy.Suggestion(id)});
  };
  // During a crisis the boundary question waits: safety first, then the
  // supervisor, whatever was asked or offered.
  if (event.during_crisis) {
    add_reason("crisis.consult");
    decision = Decision::kConsultSupervisor;
    offers_channels = true;
    guidance.safety_first = true;
  }
  add_reason(answer.rule);
  // Asked again: the answer stays the same (consistency is part of being
  // kind and clear), and the pattern goes to the supervisor.
  if (event.repeated) add_reason("request.repeated");

  guidance.decision = decision;
  guidance.supervisor_consultation_required =
      decision == Decision::kConsultSupervisor || event.repeated || event.during_crisis;
  if (offers_channels) guidance.channels = policy.official_channels();
  return guidance;
}

}  // namespace alongside::domain
