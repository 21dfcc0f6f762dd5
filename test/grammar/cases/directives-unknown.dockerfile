# SYNTAX TEST "source.dockerfile" "an unknown directive ends the directives"
# unknown=value
# <--------------- comment.line.number-sign.dockerfile - meta.directive.syntax.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.dockerfile
