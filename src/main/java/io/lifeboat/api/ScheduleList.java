package io.lifeboat.api;

import io.lifeboat.schedule.ScheduleTriggers;

import java.util.List;

/** The answer of GET /v1/schedules: every configured schedule, its plan and its trigger's state. */
record ScheduleList(List<ScheduleTriggers.State> schedules) {
}
