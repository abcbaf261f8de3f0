package io.lifeboat.kernel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Which snapshots a purge keeps, by the rules of restic and borg: the last N; the newest of each of the last N days,
 * ISO weeks or months (UTC) that have a snapshot; and every snapshot younger than a duration. A snapshot any rule
 * keeps is kept; the rest go.
 */
public record RetentionPolicy(OptionalInt keepLast, OptionalInt keepDaily, OptionalInt keepWeekly, OptionalInt keepMonthly,
                              Optional<Duration> keepWithin) {

    /** The rules' names, as options ({@code --keep-last}) and as schedule keys ({@code keep-last}). */
    public static final List<String> RULES = List.of("keep-last", "keep-daily", "keep-weekly", "keep-monthly", "keep-within");

    /** Reads the rules from {@code values} by name ({@code keep-last} → "7"), each under {@code prefix + name} for messages. */
    public static RetentionPolicy parse(Map<String, String> values, String prefix) {
        return new RetentionPolicy(count(values, prefix, "keep-last"), count(values, prefix, "keep-daily"), count(values, prefix, "keep-weekly"),
                count(values, prefix, "keep-monthly"),
                Optional.ofNullable(values.get("keep-within")).map(value -> Quantities.duration(prefix + "keep-within", value)));
    }

    private static OptionalInt count(Map<String, String> values, String prefix, String rule) {
        String value = values.get(rule);
        if (value == null) {
            return OptionalInt.empty();
        }
        int count = Quantities.wholeNumber(prefix + rule, value);
        Quantities.requireBetween(prefix + rule, count, 0, 100_000);
        return OptionalInt.of(count);
    }

    /** No rule at all: such a purge would keep nothing, and is refused. */
    public boolean isEmpty() {
        return keepLast.isEmpty() && keepDaily.isEmpty() && keepWeekly.isEmpty() && keepMonthly.isEmpty() && keepWithin.isEmpty();
    }

    /** {@code --keep-last 0} and nothing else: every snapshot is meant to go. */
    public boolean dropsEverything() {
        return keepLast.isPresent() && keepLast.getAsInt() == 0 && keepDaily.isEmpty() && keepWeekly.isEmpty() && keepMonthly.isEmpty()
                && keepWithin.isEmpty();
    }

    /**
     * Why each snapshot is kept ({@code "last"}, {@code "daily"}, ...), in the order given; a snapshot no rule keeps
     * maps to an empty list.
     *
     * @param snapshots of one cluster, in any order
     */
    public <T> Map<T, List<String>> decide(List<T> snapshots, Function<T, Instant> completedAt, Instant now) {
        List<T> newestFirst = snapshots.stream().sorted((a, b) -> completedAt.apply(b).compareTo(completedAt.apply(a))).toList();
        Map<T, List<String>> reasons = new LinkedHashMap<>();
        newestFirst.forEach(snapshot -> reasons.put(snapshot, new ArrayList<>()));
        keepLast.ifPresent(count -> newestFirst.stream().limit(count).forEach(snapshot -> reasons.get(snapshot).add("last " + count)));
        keepDaily.ifPresent(count -> newestOfEach(newestFirst, completedAt, time -> day(time).toString(), count, "daily", reasons));
        keepWeekly.ifPresent(count -> newestOfEach(newestFirst, completedAt, time -> day(time).get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + day(time).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), count, "weekly", reasons));
        keepMonthly.ifPresent(count -> newestOfEach(newestFirst, completedAt, time -> day(time).getYear() + "-" + day(time).getMonthValue(),
                count, "monthly", reasons));
        keepWithin.ifPresent(within -> newestFirst.stream().filter(snapshot -> !completedAt.apply(snapshot).isBefore(now.minus(within)))
                .forEach(snapshot -> reasons.get(snapshot).add("within " + within.toString().substring(2).toLowerCase())));
        return reasons;
    }

    /** The newest snapshot of each of the {@code count} newest periods that have one. */
    private static <T> void newestOfEach(List<T> newestFirst, Function<T, Instant> completedAt, Function<Instant, String> period, int count,
                                         String rule, Map<T, List<String>> reasons) {
        Set<String> periods = new HashSet<>();
        for (T snapshot : newestFirst) {
            if (periods.size() == count) {
                return;
            }
            if (periods.add(period.apply(completedAt.apply(snapshot)))) {
                reasons.get(snapshot).add(rule);
            }
        }
    }

    private static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }
}
