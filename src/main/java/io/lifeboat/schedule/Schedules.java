package io.lifeboat.schedule;

import io.lifeboat.kernel.ConfiguredValues;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.RetentionPolicy;
import io.lifeboat.kernel.StoreKind;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** The schedules configured under {@code lifeboat.schedule.<name>.*}. */
public final class Schedules {

    private static final String PREFIX = "lifeboat.schedule.";

    private final Map<String, Schedule> byName;

    private Schedules(Map<String, Schedule> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static Schedules from(ConfiguredValues configuration) {
        Map<String, String> keys = configuration.withPrefix(PREFIX);
        TreeSet<String> names = new TreeSet<>();
        keys.keySet().forEach(key -> names.add(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.'))));
        Map<String, Schedule> schedules = new TreeMap<>();
        for (String name : names) {
            schedules.put(name, parse(name, configuration));
        }
        return new Schedules(schedules);
    }

    private static Schedule parse(String name, ConfiguredValues configuration) {
        String base = PREFIX + name + ".";
        String planId = required(configuration, base + "plan");
        ScheduledJob job;
        if (planId.equals("purge")) {
            StoreKind store = StoreKind.parse(required(configuration, base + "store"));
            RetentionPolicy policy = RetentionPolicy.parse(configuration.withPrefix(base), base);
            if (policy.isEmpty()) {
                throw new ParameterException(base + "keep-last", "schedule " + name + " purges: say what it keeps with " + base
                        + "keep-last, keep-daily, keep-weekly, keep-monthly or keep-within");
            }
            job = new ScheduledJob.Purge(store, policy);
        } else {
            Plan plan = Plan.byId(planId).orElseThrow(() -> new ParameterException(base + "plan", base + "plan names no plan: " + planId
                    + " (plans: " + Plan.ids() + ", purge)"));
            job = new ScheduledJob.RunPlan(plan, required(configuration, base + "snapshot-name"));
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(configuration.get(base + "time-zone").orElse("UTC"));
        } catch (DateTimeException e) {
            throw new ParameterException(base + "time-zone", base + "time-zone: " + e.getMessage());
        }
        return new Schedule(name, Boolean.parseBoolean(configuration.get(base + "enabled").orElse("true")), job, zone,
                configuration.withPrefix(base + "parameters."));
    }

    private static String required(ConfiguredValues configuration, String key) {
        return configuration.get(key).orElseThrow(() -> new ParameterException(key, key + " is required"));
    }

    public Optional<Schedule> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Iterable<Schedule> all() {
        return byName.values();
    }
}
