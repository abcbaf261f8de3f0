package io.lifeboat.service;

import java.time.Instant;

/** The last backup that completed: when, which snapshot, and how many bytes it stored. */
public record LastBackup(String plan, String snapshot, String trigger, Instant completedAt, long storedBytes) {
}
