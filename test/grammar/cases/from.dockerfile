# SYNTAX TEST "source.dockerfile" "FROM: image references and stage names"
FROM node:22-bookworm-slim AS builder
#    ^^^^ meta.image-reference.dockerfile entity.name.image.dockerfile
#        ^ punctuation.separator.tag.dockerfile
#         ^^^^^^^^^^^^^^^^ constant.other.tag.dockerfile
#                          ^^ keyword.other.as.dockerfile
#                             ^^^^^^^ entity.name.type.stage.dockerfile
FROM builder as test
#    ^^^^^^^ entity.name.image.dockerfile
#            ^^ keyword.other.as.dockerfile
#               ^^^^ entity.name.type.stage.dockerfile
FROM localhost:5000/team/app:1.2.3@sha256:4b0a1c1b8f0e7a1f9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a
#    ^^^^^^^^^^^^^^^^^^^^^^^ entity.name.image.dockerfile
#                           ^ punctuation.separator.tag.dockerfile
#                            ^^^^^ constant.other.tag.dockerfile
#                                 ^ punctuation.separator.digest.dockerfile
#                                  ^^^^^^^^^^^ constant.other.digest.dockerfile
FROM ghcr.io/org/img@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
#    ^^^^^^^^^^^^^^^ entity.name.image.dockerfile
#                    ^^^^^^ constant.other.digest.dockerfile
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build-env
#    ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                ^^^^^^^^^^^^^ variable.other.dockerfile
#                              ^^^^^^ entity.name.image.dockerfile
#                                       ^^^^^^^^^^ constant.other.tag.dockerfile variable.other.bracket.dockerfile variable.other.dockerfile
#                                                  ^^^^^^^ constant.other.tag.dockerfile
#                                                             ^^^^^^^^^ entity.name.type.stage.dockerfile
FROM ${REGISTRY:-docker.io}/library/python:3.12-slim
#    ^^ punctuation.definition.variable.begin.dockerfile
#      ^^^^^^^^ variable.other.dockerfile
#              ^^ keyword.operator.expansion.dockerfile
#                ^^^^^^^^^ string.unquoted.expansion.dockerfile
#                          ^^^^^^^^^^^^^^^ entity.name.image.dockerfile
#                                          ^^^^^^^^^ constant.other.tag.dockerfile
FROM scratch AS final
#    ^^^^^^^ constant.language.scratch.dockerfile
#               ^^^^^ entity.name.type.stage.dockerfile
FROM \
#    ^ constant.character.escape.line-continuation.dockerfile
    debian:bookworm-slim \
#   ^^^^^^ meta.instruction.from.dockerfile entity.name.image.dockerfile
    AS runtime
#   ^^ keyword.other.as.dockerfile
#      ^^^^^^^ entity.name.type.stage.dockerfile
