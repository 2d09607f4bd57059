/**
 * A deliberately broken miniature of Hayloft for {@code BoundaryRulesFixtureTest}: three
 * pretend modules ({@code core}, {@code provider}, {@code app}) whose classes break each
 * boundary rule once, next to look-alikes that must pass. Never used at run time.
 *
 * <pre>{@code
 * new ClassFileImporter().importPackages("dev.hayloft.archfixture");
 * }</pre>
 */
package dev.hayloft.archfixture;
