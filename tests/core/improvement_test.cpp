// The CSI register's state rules (SPEC §6): proposed → approved → in_progress → done → verified,
// rejected from any open state, verified only from the figures; and what "process-only" means.
#include "core/improvement.hpp"

#include <gtest/gtest.h>

namespace csibot::core {
namespace {

using enum improvement_state;

TEST(improvement_state, names_round_trip_and_are_read_as_people_type_them) {
  for (const auto s : all_improvement_states())
    EXPECT_EQ(parse_improvement_state(to_string(s)), s) << to_string(s);
  EXPECT_EQ(parse_improvement_state("in-progress"), in_progress);
  EXPECT_EQ(parse_improvement_state("InProgress"), in_progress);
  EXPECT_EQ(parse_improvement_state("in progress"), in_progress);  // as the bot shows it
  EXPECT_EQ(parse_improvement_state("In  Progress"), in_progress);
  EXPECT_EQ(parse_improvement_state(" DONE "), done);
  EXPECT_FALSE(parse_improvement_state("finished"));
  EXPECT_FALSE(parse_improvement_state(""));
}

TEST(improvement_state, the_chain_moves_one_step_at_a_time) {
  EXPECT_TRUE(may_move(proposed, approved));
  EXPECT_TRUE(may_move(approved, in_progress));
  EXPECT_TRUE(may_move(in_progress, done));
  EXPECT_FALSE(may_move(proposed, in_progress)) << "approval cannot be skipped";
  EXPECT_FALSE(may_move(proposed, done));
  EXPECT_FALSE(may_move(approved, done));
  EXPECT_FALSE(may_move(in_progress, approved)) << "no way back";
}

TEST(improvement_state, open_ones_can_be_rejected_finished_ones_cannot) {
  for (const auto s : {proposed, approved, in_progress})
    EXPECT_TRUE(may_move(s, rejected)) << to_string(s);
  for (const auto s : {done, verified, rejected})
    EXPECT_TRUE(next_states(s).empty()) << to_string(s);
}

TEST(improvement_state, nobody_declares_an_improvement_verified_by_hand) {
  for (const auto s : all_improvement_states())
    EXPECT_FALSE(may_move(s, verified)) << to_string(s);
}

TEST(improvement_state, next_states_name_the_allowed_moves_in_chain_order) {
  EXPECT_EQ(next_states(proposed), (std::vector{approved, rejected}));
  EXPECT_EQ(next_states(in_progress), (std::vector{done, rejected}));
}

TEST(improvement_state, open_means_work_still_to_do_and_lists_first) {
  EXPECT_TRUE(is_open(proposed));
  EXPECT_TRUE(is_open(in_progress));
  EXPECT_FALSE(is_open(done));
  EXPECT_FALSE(is_open(rejected));
  EXPECT_LT(listing_rank(in_progress), listing_rank(done));
  EXPECT_LT(listing_rank(verified), listing_rank(rejected));
}

TEST(verification, names_round_trip) {
  for (const auto v : {verification::pending, verification::verified, verification::no_effect})
    EXPECT_EQ(parse_verification(to_string(v)), v);
  EXPECT_FALSE(parse_verification("maybe"));
}

TEST(improvement, process_only_means_no_business_function_and_no_feedback_behind_it) {
  improvement i;
  EXPECT_TRUE(i.process_only());
  EXPECT_FALSE(i.has_why());
  i.expected_effect = "faster";  // an effect alone is a why, but not a link to value
  EXPECT_TRUE(i.has_why());
  EXPECT_TRUE(i.process_only());
  i.feedback_ids = {12};
  EXPECT_FALSE(i.process_only());
  i.feedback_ids.clear();
  i.theme = "slow";
  EXPECT_FALSE(i.process_only());
  i.theme.reset();
  i.business_function = "field sales";
  EXPECT_FALSE(i.process_only());
}

}  // namespace
}  // namespace csibot::core
