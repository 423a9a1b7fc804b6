package fr.guichetbio.canary.modulith.beta;

public record Beta(String name) {}
