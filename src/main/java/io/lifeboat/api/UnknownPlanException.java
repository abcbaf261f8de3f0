package io.lifeboat.api;

/** A request named a plan that does not exist. */
final class UnknownPlanException extends RuntimeException {

    UnknownPlanException(String plan) {
        super("no plan '" + plan + "'");
    }
}
