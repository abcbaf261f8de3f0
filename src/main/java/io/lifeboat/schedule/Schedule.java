package io.lifeboat.schedule;

import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Secret;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule of {@code config/application.properties} ({@code lifeboat.schedule.<name>.*}): what it does at
 * each fire (a plan, with how each run's SNAPSHOT_NAME is made; or a purge), with which non-secret parameters.
 */
public record Schedule(String name, boolean enabled, ScheduledJob job, ZoneId timeZone, Map<String, String> parameters) {

    private static final Pattern NOW = Pattern.compile("\\{now:([^}]+)}");

    public Schedule {
        parameters = Map.copyOf(parameters);
        for (String parameter : parameters.keySet()) {
            // Secrets come from the environment, never from a file that may be committed.
            if (Secret.PARAMETERS.contains(parameter)) {
                throw new ParameterException(parameter, "schedule " + name + ": " + parameter
                        + " must come from the environment, not from application.properties");
            }
        }
        if (job instanceof ScheduledJob.RunPlan run) {
            render(run.snapshotNameTemplate(), ZonedDateTime.now(timeZone));
        }
    }

    /**
     * The SNAPSHOT_NAME of a run fired at {@code firedAt}: {@code {now:<pattern>}} in the template becomes
     * the time in the schedule's zone, e.g. {@code nightly-{now:yyyyMMdd-HHmmss}} → {@code nightly-20261127-020000}.
     */
    public String snapshotName(ScheduledJob.RunPlan run, ZonedDateTime firedAt) {
        return render(run.snapshotNameTemplate(), firedAt.withZoneSameInstant(timeZone));
    }

    private static String render(String template, ZonedDateTime time) {
        Matcher matcher = NOW.matcher(template);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String formatted;
            try {
                formatted = DateTimeFormatter.ofPattern(matcher.group(1)).format(time);
            } catch (IllegalArgumentException e) {
                throw new ParameterException("snapshot-name", "snapshot name template '" + template + "': " + e.getMessage());
            }
            matcher.appendReplacement(name, Matcher.quoteReplacement(formatted));
        }
        matcher.appendTail(name);
        return name.toString();
    }
}
