package io.lifeboat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house: packages in layers whose imports only point down, from the wiring at the top to the kernel of
 * value objects at the bottom, and no package in an import cycle with another.
 */
@AnalyzeClasses(packages = "io.lifeboat", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    @ArchTest
    static final ArchRule IMPORTS_POINT_DOWN = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("wiring").definedBy("io.lifeboat.app..")
            .layer("edges").definedBy("io.lifeboat.cli..", "io.lifeboat.service..", "io.lifeboat.api..", "io.lifeboat.ops..", "io.lifeboat.agent..",
                    "io.lifeboat.schedule..", "io.lifeboat.demo..")
            .layer("plans").definedBy("io.lifeboat.plan..", "io.lifeboat.backup..", "io.lifeboat.restore..")
            .layer("store").definedBy("io.lifeboat.store..")
            .layer("crypto").definedBy("io.lifeboat.crypto..")
            .layer("manifest").definedBy("io.lifeboat.manifest..")
            .layer("archive").definedBy("io.lifeboat.archive..")
            .layer("cluster access").definedBy("io.lifeboat.cluster..", "io.lifeboat.cassandra..", "io.lifeboat.clusters..")
            .layer("claims").definedBy("io.lifeboat.claim..")
            .layer("kernel").definedBy("io.lifeboat.kernel..", "io.lifeboat.ring..")
            .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("edges").mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("plans").mayOnlyBeAccessedByLayers("wiring", "edges")
            .whereLayer("store").mayOnlyBeAccessedByLayers("wiring", "edges", "plans")
            .whereLayer("crypto").mayOnlyBeAccessedByLayers("wiring", "edges", "plans", "store")
            .whereLayer("manifest").mayOnlyBeAccessedByLayers("wiring", "edges", "plans", "store")
            .whereLayer("archive").mayOnlyBeAccessedByLayers("wiring", "edges", "plans", "store", "manifest")
            .whereLayer("cluster access").mayOnlyBeAccessedByLayers("wiring", "edges", "plans", "store", "manifest", "archive")
            .whereLayer("claims").mayOnlyBeAccessedByLayers("wiring", "edges", "plans", "store", "manifest", "archive", "cluster access");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.lifeboat.(*)..").should().beFreeOfCycles();
}
