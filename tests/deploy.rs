//! The deployment files, checked for structure since no container engine runs here: the
//! Kubernetes manifests parse, their flags are ones the server accepts, probes and ports match
//! those flags, and the image runs as a non-root user.

use article_prep::cli::{Cli, Command};
use yaml_rust2::{Yaml, YamlLoader};

fn manifest(name: &str) -> Yaml {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}: one document");
    docs.remove(0)
}

fn strings(node: &Yaml) -> Vec<String> {
    node.as_vec()
        .map(|v| {
            v.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn port_of(address: &str) -> i64 {
    address
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {address}"))
}

#[test]
fn the_deployment_runs_the_server_with_flags_it_accepts_and_probes_its_port() {
    let deployment = manifest("deployment.yaml");
    assert_eq!(deployment["kind"].as_str(), Some("Deployment"));
    let pod = &deployment["spec"]["template"];
    let labels = &pod["metadata"]["labels"];
    assert_eq!(&deployment["spec"]["selector"]["matchLabels"], labels);
    assert_eq!(
        pod["spec"]["securityContext"]["runAsNonRoot"].as_bool(),
        Some(true)
    );
    let container = &pod["spec"]["containers"][0];

    let mut argv = vec!["article-prep".to_owned()];
    argv.extend(strings(&container["args"]));
    let cli = <Cli as clap::Parser>::try_parse_from(&argv)
        .unwrap_or_else(|e| panic!("the server refuses the manifest's flags: {e}"));
    let Command::Serve(serve) = cli.command else {
        panic!("the container does not run `serve`");
    };
    let settings = serve.settings();
    let grpc = i64::from(settings.listen.port());
    let metrics = i64::from(settings.metrics_listen.expect("metrics are served").port());

    let ports: Vec<(String, i64)> = container["ports"]
        .as_vec()
        .expect("ports")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_owned(),
                p["containerPort"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert!(ports.contains(&("grpc".into(), grpc)), "{ports:?}");
    assert!(ports.contains(&("metrics".into(), metrics)), "{ports:?}");
    for probe in ["readinessProbe", "livenessProbe"] {
        assert_eq!(
            container[probe]["grpc"]["port"].as_i64(),
            Some(grpc),
            "{probe}"
        );
    }
    assert_eq!(
        container["readinessProbe"]["grpc"]["service"].as_str(),
        Some("articleprep.v1.ArticlePrep"),
        "readiness follows the service that turns NOT_SERVING on shutdown"
    );
    let annotations = &pod["metadata"]["annotations"];
    assert_eq!(
        annotations["prometheus.io/port"]
            .as_str()
            .and_then(|p| p.parse().ok()),
        Some(metrics)
    );
    // The pod outlives the drain.
    let grace = pod["spec"]["terminationGracePeriodSeconds"]
        .as_i64()
        .expect("grace period");
    assert!(u64::try_from(grace).is_ok_and(|g| g > settings.drain_timeout.as_secs()));
    // --max-concurrent is twice the CPU limit.
    let cpu = container["resources"]["limits"]["cpu"]
        .as_str()
        .expect("cpu limit");
    assert_eq!(
        cpu.parse::<usize>().ok().map(|c| c * 2),
        Some(settings.max_concurrent)
    );
    assert!(
        container["resources"]["requests"]["memory"]
            .as_str()
            .is_some()
    );
}

#[test]
fn service_autoscaler_and_disruption_budget_point_at_the_deployment() {
    let deployment = manifest("deployment.yaml");
    let name = deployment["metadata"]["name"].as_str().expect("name");
    let labels = &deployment["spec"]["template"]["metadata"]["labels"];
    let container_ports: Vec<String> =
        deployment["spec"]["template"]["spec"]["containers"][0]["ports"]
            .as_vec()
            .expect("ports")
            .iter()
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();

    let service = manifest("service.yaml");
    assert_eq!(service["kind"].as_str(), Some("Service"));
    assert_eq!(&service["spec"]["selector"], labels);
    for port in service["spec"]["ports"].as_vec().expect("ports") {
        let target = port["targetPort"].as_str().expect("named target port");
        assert!(container_ports.iter().any(|p| p == target), "{target}");
    }

    let headless = manifest("service-headless.yaml");
    assert_eq!(headless["spec"]["clusterIP"].as_str(), Some("None"));
    assert_eq!(&headless["spec"]["selector"], labels);
    assert_eq!(
        headless["spec"]["ports"][0]["targetPort"].as_str(),
        Some("grpc")
    );
    let hpa = manifest("hpa.yaml");
    assert_eq!(hpa["kind"].as_str(), Some("HorizontalPodAutoscaler"));
    assert_eq!(hpa["spec"]["scaleTargetRef"]["name"].as_str(), Some(name));
    assert_eq!(
        hpa["spec"]["scaleTargetRef"]["kind"].as_str(),
        Some("Deployment")
    );
    assert!(hpa["spec"]["minReplicas"].as_i64() <= hpa["spec"]["maxReplicas"].as_i64());

    let pdb = manifest("pdb.yaml");
    assert_eq!(pdb["kind"].as_str(), Some("PodDisruptionBudget"));
    assert_eq!(&pdb["spec"]["selector"]["matchLabels"], labels);
}

#[test]
fn the_image_is_multi_stage_and_runs_as_non_root_with_the_manifest_ports() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Dockerfile");
    let dockerfile = std::fs::read_to_string(path).expect("Dockerfile");
    assert!(
        dockerfile.matches("\nFROM ").count() + usize::from(dockerfile.starts_with("FROM ")) >= 2
    );
    let user = dockerfile
        .lines()
        .find_map(|l| l.strip_prefix("USER "))
        .expect("a USER line");
    assert!(
        !user.starts_with("root") && !user.starts_with("0"),
        "{user}"
    );
    let cmd = dockerfile
        .lines()
        .find_map(|l| l.strip_prefix("CMD "))
        .expect("a CMD line");
    let args: Vec<String> = serde_json::from_str(cmd).expect("CMD in exec form");
    let mut argv = vec!["article-prep".to_owned()];
    argv.extend(args);
    let cli = <Cli as clap::Parser>::try_parse_from(&argv).expect("the image's flags are accepted");
    let Command::Serve(serve) = cli.command else {
        panic!("the image does not run `serve`");
    };
    let expose = dockerfile
        .lines()
        .find_map(|l| l.strip_prefix("EXPOSE "))
        .expect("EXPOSE");
    let exposed: Vec<i64> = expose
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect();
    let settings = serve.settings();
    assert!(exposed.contains(&i64::from(settings.listen.port())));
    assert!(exposed.contains(&port_of(
        &settings.metrics_listen.expect("metrics").to_string()
    )));
}
