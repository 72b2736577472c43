import { fileURLToPath } from 'node:url';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { MoatConfig } from '../config/schema.js';
import { UserInputError } from '../user-input-error.js';

/** The price service's Docker build context: its own package folder (it imports nothing of the others). */
export const PRICE_SERVICE_DIRECTORY = fileURLToPath(new URL('../../../price-service', import.meta.url));

/**
 * The container image of the price service: a Docker image asset built from packages/price-service
 * (only staged at synth; built and pushed by `cdk deploy`), or a tag that a pipeline pushed to the
 * service's ECR repository.
 */
export class ServiceImage extends Construct {
  /** The image reference for user data (`docker run`). */
  readonly imageUri: string;
  /** The image for an ECS task definition; grants pulls to the task's execution role. */
  readonly containerImage: ecs.ContainerImage;
  private readonly repository: ecr.IRepository;

  constructor(
    scope: Construct,
    id: string,
    props: { image: MoatConfig['service']['image']; repository?: ecr.IRepository },
  ) {
    super(scope, id);
    if (props.image.source === 'ecr') {
      if (props.repository === undefined) {
        throw new UserInputError(
          `service.image.source "ecr" (tag ${props.image.tag}) needs the ECR repository that steps 4 to 10 create; steps 2 and 3 run the image asset. Fix: set service.image.source to "asset" for steps 2 and 3.`,
        );
      }
      this.repository = props.repository;
      this.imageUri = props.repository.repositoryUriForTag(props.image.tag);
      this.containerImage = ecs.ContainerImage.fromEcrRepository(props.repository, props.image.tag);
    } else {
      const asset = new ecrAssets.DockerImageAsset(this, 'Asset', {
        directory: PRICE_SERVICE_DIRECTORY,
        // The package's .dockerignore (honoured by the asset) keeps the staged context to what the image copies.
        platform: ecrAssets.Platform.LINUX_AMD64,
      });
      this.repository = asset.repository;
      this.imageUri = asset.imageUri;
      this.containerImage = ecs.ContainerImage.fromDockerImageAsset(asset);
    }
  }

  /** Lets an EC2 instance role pull the image for `docker run`. */
  grantPull(grantee: iam.IGrantable): void {
    this.repository.grantPull(grantee);
  }
}
