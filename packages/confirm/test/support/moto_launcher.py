"""moto_server with three of moto 5.2.1's CloudFormation bugs patched, for the tests of @moat/confirm.

Real CloudFormation deploys the synthesized step templates; moto's own `create_from_cloudformation_json`
gets three resource types wrong. Each patch below makes moto do what the CloudFormation reference says;
and five transit gateway types that moto's CloudFormation does not know at all are added on moto's own
EC2 backend. Then the ordinary `moto.server.main` runs with the arguments given (as `moto_server` would):

  python3 moto_launcher.py -H 127.0.0.1 -p 0

1. AWS::ElasticLoadBalancingV2::LoadBalancer: moto ignores `Type` (an NLB becomes an ALB, and its TCP
   listeners then fail) and `SubnetMappings` (the NLB's fixed private IPs). Both are documented properties:
   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-loadbalancer.html
2. AWS::EC2::TransitGateway: moto raises KeyError when `Description` is absent, and it is optional:
   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgateway.html
3. AWS::ECR::Repository without `RepositoryName`: moto names it after the logical ID, capitals included,
   which ECR then rejects; CloudFormation generates a lower-case name:
   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-repository.html
4. AWS::ECS::Service: moto drops `NetworkConfiguration` and `LaunchType`, so DescribeServices shows no
   subnets and no security groups for an awsvpc service:
   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html
5. AWS::ECS::TaskDefinition: moto keeps only the family, containers, volumes and memory, so an awsvpc
   task gets no network interface; `NetworkMode`, `Cpu`, `RequiresCompatibilities` and the two roles are
   documented properties: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html
6. RunTask: moto adds up container-level memory and fails (TypeError) on a container without it, which is
   valid when the task sets its memory, as Fargate task definitions do:
   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory
7. RunTask with awsvpc: moto reads the new ENI's private DNS name, which it sets only in a VPC with DNS
   hostnames on, and fails (AttributeError) elsewhere; an ENI there simply has no private DNS name.
"""

import copy
import sys

import moto
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ec2.models.transit_gateway import TransitGateway
from moto.ecr.models import Repository
from moto.core.utils import pascal_to_camelcase, remap_nested_keys
from moto.ecs.models import Cluster, EC2ContainerServiceBackend, Service, TaskDefinition, ecs_backends
from moto.elbv2.models import FakeLoadBalancer, elbv2_backends

PATCHED_MOTO_VERSION = "5.2.1"
if moto.__version__ != PATCHED_MOTO_VERSION:
    sys.exit(
        f"moto_launcher.py patches moto {PATCHED_MOTO_VERSION}, found {moto.__version__}: "
        "check that the three bugs it patches are still there, then update PATCHED_MOTO_VERSION"
    )


def load_balancer_from_cloudformation(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    return elbv2_backends[account_id][region_name].create_load_balancer(
        resource_name,
        properties.get("SecurityGroups"),
        properties.get("Subnets") or [],
        subnet_mappings=properties.get("SubnetMappings"),
        scheme=properties.get("Scheme", "internet-facing"),
        loadbalancer_type=properties.get("Type", "application"),
    )


def transit_gateway_from_cloudformation(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = dict(cloudformation_json["Properties"])
    description = properties.pop("Description", None)
    tags = properties.pop("Tags", [])
    gateway = ec2_backends[account_id][region_name].create_transit_gateway(
        description=description, options=properties
    )
    for tag in tags:
        gateway.add_tag(tag["Key"], tag["Value"])
    return gateway


original_repository_from_cloudformation = Repository.create_from_cloudformation_json.__func__


def repository_from_cloudformation(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    # moto passes the generated physical name as resource_name; CloudFormation's is lower case.
    return original_repository_from_cloudformation(
        cls, resource_name.lower(), cloudformation_json, account_id, region_name, **kwargs
    )


# moto files every model class under the service named by its module ("moto.<service>...").
EC2_MODULE = "moto.ec2.cloudformation_transit_gateway"


def service_from_cloudformation(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    cluster = properties["Cluster"]
    task_definition = properties["TaskDefinition"]
    awsvpc = properties.get("NetworkConfiguration", {}).get("AwsvpcConfiguration")
    network = (
        {
            "awsvpcConfiguration": {
                "subnets": awsvpc.get("Subnets", []),
                "securityGroups": awsvpc.get("SecurityGroups", []),
                "assignPublicIp": awsvpc.get("AssignPublicIp", "DISABLED"),
            }
        }
        if awsvpc
        else None
    )
    return ecs_backends[account_id][region_name].create_service(
        cluster.name if isinstance(cluster, Cluster) else cluster,
        resource_name,
        properties.get("DesiredCount"),
        task_definition_str=task_definition.family if isinstance(task_definition, TaskDefinition) else task_definition,
        launch_type=properties.get("LaunchType"),
        network_configuration=network,
    )


def task_definition_from_cloudformation(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    return ecs_backends[account_id][region_name].register_task_definition(
        family=properties.get("Family", resource_name),
        container_definitions=remap_nested_keys(properties.get("ContainerDefinitions", []), pascal_to_camelcase),
        volumes=remap_nested_keys(properties.get("Volumes", []), pascal_to_camelcase),
        network_mode=properties.get("NetworkMode"),
        requires_compatibilities=properties.get("RequiresCompatibilities"),
        cpu=properties.get("Cpu"),
        memory=properties.get("Memory"),
        task_role_arn=properties.get("TaskRoleArn"),
        execution_role_arn=properties.get("ExecutionRoleArn"),
    )


MEMORY_KEYS = ("Memory", "MemoryReservation", "memory", "memoryReservation")
original_resource_requirements = EC2ContainerServiceBackend._calculate_task_resource_requirements


def resource_requirements(task_definition):
    counted = copy.copy(task_definition)
    counted.container_definitions = [
        definition if any(definition.get(key) is not None for key in MEMORY_KEYS) else {**definition, "memory": 0}
        for definition in task_definition.container_definitions
    ]
    return original_resource_requirements(counted)


class TransitGatewayResource:
    """Transit gateway types moto's CloudFormation lacks (it warns "No Moto CloudFormation support for ...")
    and leaves empty, so every Ref to them resolves to nothing. Each subclass creates the resource through
    moto's EC2 backend, as the EC2 API would; `Ref` returns the id CloudFormation documents for the type.
    Each also names CloudFormationModel as a direct base: moto finds models by `__subclasses__()`."""

    def __init__(self, physical_resource_id):
        self.physical_resource_id = physical_resource_id

    @staticmethod
    def cloudformation_name_type():
        return None

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend = ec2_backends[account_id][region_name]
        return cls(cls.create(backend, cloudformation_json["Properties"]))


def tag_dict(properties):
    return {tag["Key"]: tag["Value"] for tag in properties.get("Tags", [])}


class TransitGatewayVpcAttachmentResource(TransitGatewayResource, CloudFormationModel):
    __module__ = EC2_MODULE

    # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayvpcattachment.html
    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::TransitGatewayVpcAttachment"

    @staticmethod
    def create(backend, properties):
        options = properties.get("Options", {})
        return backend.create_transit_gateway_vpc_attachment(
            transit_gateway_id=properties["TransitGatewayId"],
            vpc_id=properties["VpcId"],
            subnet_ids=properties["SubnetIds"],
            tags=tag_dict(properties),
            options=options,
        ).id


class TransitGatewayRouteTableResource(TransitGatewayResource, CloudFormationModel):
    __module__ = EC2_MODULE

    # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroutetable.html
    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::TransitGatewayRouteTable"

    @staticmethod
    def create(backend, properties):
        return backend.create_transit_gateway_route_table(
            transit_gateway_id=properties["TransitGatewayId"], tags=tag_dict(properties)
        ).id


def relate(properties, link):
    """An association or a propagation: an attachment and a route table, linked by the backend's `link`."""
    attachment = properties["TransitGatewayAttachmentId"]
    table = properties["TransitGatewayRouteTableId"]
    link(attachment, table)
    return f"{table}|{attachment}"


class TransitGatewayRouteTableAssociationResource(TransitGatewayResource, CloudFormationModel):
    __module__ = EC2_MODULE

    # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroutetableassociation.html
    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::TransitGatewayRouteTableAssociation"

    @staticmethod
    def create(backend, properties):
        return relate(properties, backend.associate_transit_gateway_route_table)


class TransitGatewayRouteTablePropagationResource(TransitGatewayResource, CloudFormationModel):
    __module__ = EC2_MODULE

    # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroutetablepropagation.html
    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::TransitGatewayRouteTablePropagation"

    @staticmethod
    def create(backend, properties):
        return relate(properties, backend.enable_transit_gateway_route_table_propagation)


class TransitGatewayRouteResource(TransitGatewayResource, CloudFormationModel):
    __module__ = EC2_MODULE

    # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroute.html
    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::TransitGatewayRoute"

    @staticmethod
    def create(backend, properties):
        table = properties["TransitGatewayRouteTableId"]
        destination = properties["DestinationCidrBlock"]
        backend.create_transit_gateway_route(
            transit_gateway_route_table_id=table,
            destination_cidr_block=destination,
            transit_gateway_attachment_id=properties.get("TransitGatewayAttachmentId"),
            blackhole=properties.get("Blackhole", False),
        )
        return f"{table}|{destination}"


FakeLoadBalancer.create_from_cloudformation_json = classmethod(load_balancer_from_cloudformation)
TransitGateway.create_from_cloudformation_json = classmethod(transit_gateway_from_cloudformation)
Repository.create_from_cloudformation_json = classmethod(repository_from_cloudformation)
Service.create_from_cloudformation_json = classmethod(service_from_cloudformation)
TaskDefinition.create_from_cloudformation_json = classmethod(task_definition_from_cloudformation)
NetworkInterface.private_dns_name = None
EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(resource_requirements)

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
