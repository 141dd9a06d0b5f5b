/**
 * A small, dependency-free fuzzing kit for tests: seeded generators of hostile strings, MAC
 * spellings, JSON trees, SIP and TFTP packet mutations, and {@link org.endpointmanager.testkit.fuzz.Fuzz},
 * which runs a property over many generated cases from a fixed seed (override with
 * {@code -Dfuzz.seed=}) and names the seed, case and input of a failure.
 */
package org.endpointmanager.testkit.fuzz;
